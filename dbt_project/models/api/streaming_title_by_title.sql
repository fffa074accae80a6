{{ config(
    materialized='table',
    post_hook=["create index {{ this.identifier }}__title_key on {{ this }} (title_key)"],
) }}

-- One row per streaming title with its title key and its rank among the titles sharing the
-- key (1 = highest user score, then the smallest title_id), stored in key order with an index
-- so a lookup by name reads one row group instead of normalising 22,998 titles per request.
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
order by title_key, title_rank
