{{ config(materialized='view', schema='api') }}

-- One row per streaming title, found by title key (lower case, no accents, single spaces);
-- title_rank = 1 for the title a name answers with when several titles share its key: the
-- highest user score, then the smallest title_id. title_titles = titles sharing the key.
-- Example: select title_id, platform, score from api.streaming_title_by_title
--          where title_key = 'toy story' order by title_rank;
with

titles as (

    select
        title_id,
        title,
        platform,
        type,
        release_year,
        score,
        {{ name_key('title') }} as title_key
    from {{ ref('streaming_titles') }}

)

select
    title_key,
    title_id,
    title,
    platform,
    type,
    release_year,
    score,
    row_number() over (
        partition by title_key order by score desc nulls last, title_id asc
    ) as title_rank,
    count(*) over (partition by title_key) as title_titles
from titles
