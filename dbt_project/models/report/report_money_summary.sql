-- One row per money measure (budget, revenue, return): how many films know it and its
-- quartiles, over all films of the movies mart.
with

films as (

    select count(*) as films from {{ ref('movies') }}

),

known as (

    select
        measure,
        count(*) as known_films,
        quantile_cont(value, 0.25) as p25,
        quantile_cont(value, 0.5) as median,
        quantile_cont(value, 0.75) as p75,
        max(value) as max_value
    from {{ ref('report_money_values') }}
    group by measure

),

measures as (

    select unnest(['budget', 'revenue', 'return']) as measure

)

select
    measures.measure,
    films.films,
    coalesce(known.known_films, 0) as known_films,
    known.p25,
    known.median,
    known.p75,
    known.max_value
from measures
cross join films
left join known on measures.measure = known.measure
