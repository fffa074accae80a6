{{ config(materialized='view', schema='api') }}

-- The streaming titles most similar to each title (streaming_similar_titles, any platform,
-- best first), with the suggested title's platform, type and year and why: shared genres,
-- people, countries, same director. A title without suggestions has one row with rank NULL
-- (`GET /streaming/titles/{title_id}/similar`, `/get_recomendation/{titulo}`).
-- Example: select rank, similar_title, similar_platform, score
--          from api.streaming_title_suggestions where title_id = 'ds1378' and rank <= 5
--          order by rank;
-- Reads the precomputed, indexed main.streaming_title_suggestion_index.
select
    title_id,
    title,
    rank,
    similar_title_id,
    similar_title,
    similar_platform,
    similar_type,
    similar_release_year,
    score,
    shared_genres,
    shared_people,
    shared_countries,
    same_director
from {{ ref('streaming_title_suggestion_index') }}
