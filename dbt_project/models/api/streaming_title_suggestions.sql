{{ config(
    materialized='table',
    post_hook=["create index {{ this.identifier }}__title_id on {{ this }} (title_id)"],
) }}

-- api.streaming_title_suggestions, precomputed and stored in title_id order with an index on
-- title_id, so a lookup reads its rows (var similar_depth of them) instead of joining the
-- whole table per request. Each suggestion carries what the route's filters test (its
-- platform, release year and listed_in genres), so a filtered request is the same lookup
-- with a WHERE clause.
with

titles as (

    select
        title_id,
        title,
        platform,
        type,
        release_year
    from {{ ref('streaming_titles') }}

),

title_genres as (

    select
        title_id,
        list(genre order by genre) as genres
    from {{ ref('streaming_title_genres') }}
    group by title_id

),

neighbours as (

    select
        title_id,
        rank,
        similar_title_id,
        score,
        shared_genres,
        shared_people,
        shared_countries,
        same_director
    from {{ ref('streaming_similar_titles') }}

)

select
    titles.title_id,
    titles.title,
    neighbours.rank,
    neighbours.similar_title_id,
    suggested.title as similar_title,
    suggested.platform as similar_platform,
    suggested.type as similar_type,
    suggested.release_year as similar_release_year,
    neighbours.score,
    neighbours.shared_genres,
    neighbours.shared_people,
    neighbours.shared_countries,
    neighbours.same_director,
    case
        when neighbours.rank is not null then coalesce(suggested_genres.genres, []::varchar[])
    end as similar_genres
from titles
left join neighbours on titles.title_id = neighbours.title_id
left join titles as suggested on neighbours.similar_title_id = suggested.title_id
left join title_genres as suggested_genres
    on neighbours.similar_title_id = suggested_genres.title_id
order by titles.title_id, neighbours.rank
