{{ config(
    materialized='table',
    post_hook=["create index {{ this.identifier }}__title_id on {{ this }} (title_id)"],
) }}

-- api.streaming_title_suggestions, precomputed and stored in title_id order with an index on
-- title_id, so a lookup reads its 20 rows instead of joining the whole table per request.
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
    neighbours.same_director
from titles
left join neighbours on titles.title_id = neighbours.title_id
left join titles as suggested on neighbours.similar_title_id = suggested.title_id
order by titles.title_id, neighbours.rank
