-- Production countries ranked by films (ties: country code), with the share of all films;
-- a film made in several countries counts for each.
with

films as (

    select count(*) as films from {{ ref('movies') }}

),

per_country as (

    select
        country_code,
        count(distinct movie_id) as films
    from {{ ref('movie_countries') }}
    group by country_code

)

select
    row_number() over (order by per_country.films desc, per_country.country_code asc) as country_rank,
    per_country.country_code,
    coalesce(countries.country_en, countries.name, per_country.country_code) as country,
    per_country.films,
    per_country.films / films.films as share
from per_country
cross join films
left join {{ ref('countries') }} as countries on per_country.country_code = countries.country_code
