{{ config(materialized='view', schema='api') }}

-- The streaming titles most similar to each title (streaming_similar_titles, any platform,
-- best first), with the suggested title's platform, type and year and why: shared genres,
-- people, countries, same director. A title without suggestions has one row with rank NULL
-- (`GET /streaming/titles/{title_id}/similar`, `/get_recomendation/{titulo}`).
-- Example: select rank, similar_title, similar_platform, score
--          from api.streaming_title_suggestions where title_id = 'ds1378' and rank <= 5
--          order by rank;
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
