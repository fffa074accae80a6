{{ config(
    materialized='table',
    post_hook=["create index {{ this.identifier }}__platform on {{ this }} (platform, actor_rank)"],
) }}

-- How often each actor appears per platform and release year (all types), ranked (1 = most
-- frequent, ties by name); release_year NULL counts all years. Precomputed: counting 114k
-- cast rows per request took ~45 ms. Hulu's catalogue has no cast, so it has no row.
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
order by platform, release_year, actor_rank
