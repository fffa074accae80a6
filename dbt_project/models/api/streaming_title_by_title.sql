{{ config(materialized='view', schema='api') }}

-- One row per streaming title, found by title key (lower case, no accents, single spaces);
-- title_rank = 1 for the title a name answers with when several titles share its key: the
-- highest user score, then the smallest title_id. title_titles = titles sharing the key.
-- Reads the precomputed, indexed main.streaming_title_index.
-- Example: select title_id, platform, score from api.streaming_title_by_title
--          where title_key = 'toy story' order by title_rank;
select
    title_key,
    title_id,
    title,
    platform,
    type,
    release_year,
    score,
    title_rank,
    title_titles
from {{ ref('streaming_title_index') }}
