{{ config(materialized='view', schema='api') }}

-- Films per original language, with the keys a lookup accepts.
with

source as (

    select
        language_code,
        language_en,
        language_es,
        native_name,
        films,
        language_code_key,
        language_en_key,
        language_es_key,
        native_name_key
    from {{ ref('language_film_counts') }}

)

select
    language_code,
    language_en,
    language_es,
    native_name,
    films,
    language_code_key,
    language_en_key,
    language_es_key,
    native_name_key
from source
