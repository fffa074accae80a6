{{ config(
    materialized='table',
    post_hook=[
        "create index {{ this.identifier }}__company_key on {{ this }} (company_key)",
    ],
) }}

-- One row per production company: distinct films, their total and mean revenue, the name
-- key, and the company's rank among companies sharing a key (1 = most films).
with

credited as (

    select distinct
        movie_companies.company_id,
        movie_companies.movie_id
    from {{ ref('movie_companies') }} as movie_companies

),

totals as (

    select
        credited.company_id,
        count(*) as films,
        sum(movies.revenue) as total_revenue
    from credited
    inner join {{ ref('movies') }} as movies on credited.movie_id = movies.movie_id
    group by credited.company_id

),

named as (

    select
        companies.company_id,
        companies.name as company,
        {{ name_key('companies.name') }} as company_key,
        totals.films,
        totals.total_revenue,
        totals.total_revenue / totals.films as average_revenue
    from totals
    inner join {{ ref('companies') }} as companies on totals.company_id = companies.company_id

)

select
    company_id,
    company,
    company_key,
    films,
    total_revenue,
    average_revenue,
    row_number() over (
        partition by company_key order by films desc, company_id asc
    ) as name_rank
from named
order by company_key, name_rank
