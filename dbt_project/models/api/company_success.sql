{{ config(materialized='view', schema='api') }}

-- Distinct films and total revenue of each production company.
with

source as (

    select
        company_id,
        company,
        company_key,
        films,
        total_revenue,
        average_revenue,
        name_rank
    from {{ ref('company_revenues') }}

)

select
    company_id,
    company,
    company_key,
    films,
    total_revenue,
    average_revenue,
    name_rank
from source
