{{ config(materialized='table') }}

-- One row per country (every ISO 3166-1 country plus TMDB's historic codes, so a country
-- with no film answers 0): distinct films produced there, and the keys a lookup accepts
-- (code, TMDB's name, English and Spanish names).
with

countries as (

    select
        country_code,
        name,
        country_en,
        country_es
    from {{ ref('countries') }}

),

produced as (

    select
        movie_countries.country_code,
        count(distinct movie_countries.movie_id) as films
    from {{ ref('movie_countries') }} as movie_countries
    inner join {{ ref('movies') }} as movies on movie_countries.movie_id = movies.movie_id
    group by movie_countries.country_code

)

select
    countries.country_code,
    countries.name as country,
    countries.country_en,
    countries.country_es,
    coalesce(produced.films, 0) as films,
    lower(countries.country_code) as country_code_key,
    {{ name_key('countries.name') }} as country_key,
    {{ name_key('countries.country_en') }} as country_en_key,
    {{ name_key('countries.country_es') }} as country_es_key
from countries
left join produced on countries.country_code = produced.country_code
order by countries.country_code
