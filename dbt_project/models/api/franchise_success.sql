{{ config(materialized='view', schema='api') }}

-- Films, total and mean revenue of each collection (franchise).
with

source as (

    select
        collection_id,
        franchise,
        franchise_key,
        franchise_short_key,
        films,
        total_revenue,
        average_revenue,
        name_rank
    from {{ ref('franchise_revenues') }}

)

select
    collection_id,
    franchise,
    franchise_key,
    franchise_short_key,
    films,
    total_revenue,
    average_revenue,
    name_rank
from source
