{{ config(
    materialized='table',
    post_hook=[
        "create index {{ this.identifier }}__franchise_key on {{ this }} (franchise_key)",
        "create index {{ this.identifier }}__franchise_short_key on {{ this }} (franchise_short_key)",
    ],
) }}

-- One row per collection (franchise): its films, total revenue and mean revenue over all
-- its films (a film with unknown revenue counts as 0, so it lowers the mean), the name key,
-- the key without a trailing ` collection` (so `toy story` finds `Toy Story Collection`),
-- and the collection's rank among collections sharing a key (1 = most films).
with

collections as (

    select
        collection_id,
        name
    from {{ ref('collections') }}

),

totals as (

    select
        collection_id,
        count(*) as films,
        sum(revenue) as total_revenue
    from {{ ref('movies') }}
    where collection_id is not null
    group by collection_id

),

named as (

    select
        collections.collection_id,
        collections.name as franchise,
        {{ name_key('collections.name') }} as franchise_key,
        coalesce(totals.films, 0) as films,
        coalesce(totals.total_revenue, 0) as total_revenue
    from collections
    left join totals on collections.collection_id = totals.collection_id

)

select
    collection_id,
    franchise,
    franchise_key,
    regexp_replace(franchise_key, ' collection$', '') as franchise_short_key,
    films,
    total_revenue,
    case when films > 0 then total_revenue / films else 0 end as average_revenue,
    row_number() over (
        partition by franchise_key order by films desc, collection_id asc
    ) as name_rank
from named
order by franchise_key, name_rank
