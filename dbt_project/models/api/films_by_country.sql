{{ config(materialized='view', schema='api') }}

-- Distinct films produced in each country, with the keys a lookup accepts.
with

source as (

    select
        country_code,
        country,
        country_en,
        country_es,
        films,
        country_code_key,
        country_key,
        country_en_key,
        country_es_key
    from {{ ref('country_film_counts') }}

)

select
    country_code,
    country,
    country_en,
    country_es,
    films,
    country_code_key,
    country_key,
    country_en_key,
    country_es_key
from source
