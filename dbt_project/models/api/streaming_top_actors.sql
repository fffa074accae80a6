{{ config(materialized='view', schema='api') }}

-- The statement's get_actor: how often each actor appears per platform and release year (all
-- types), ranked (1 = most frequent, ties by name). Rows with release_year NULL count all
-- years. Hulu's catalogue has no cast at all, so it has no row.
-- Example: select actor, appearances from api.streaming_top_actors
--          where platform = 'netflix' and release_year = 2018 and actor_rank = 1;
with

appearances as (

    select
        titles.platform,
        titles.release_year,
        title_cast.actor,
        count(*) as appearances
    from {{ ref('streaming_title_cast') }} as title_cast
    inner join {{ ref('streaming_titles') }} as titles on title_cast.title_id = titles.title_id
    group by grouping sets (
        (titles.platform, titles.release_year, title_cast.actor),
        (titles.platform, title_cast.actor)
    )

)

select
    platform,
    release_year,
    actor,
    appearances,
    row_number() over (
        partition by platform, release_year order by appearances desc, actor asc
    ) as actor_rank
from appearances
