{{ config(materialized='table') }}

-- One row per language (ISO 639-1 plus TMDB's `xx` and `cn`): films whose original
-- language it is, and the keys a lookup accepts (code, English, Spanish and native names).
with

languages as (

    select
        language_code,
        native_name,
        language_en,
        language_es
    from {{ ref('languages') }}

),

originals as (

    select
        original_language as language_code,
        count(*) as films
    from {{ ref('movies') }}
    where original_language is not null
    group by original_language

)

select
    languages.language_code,
    languages.language_en,
    languages.language_es,
    languages.native_name,
    coalesce(originals.films, 0) as films,
    lower(languages.language_code) as language_code_key,
    {{ name_key('languages.language_en') }} as language_en_key,
    {{ name_key('languages.language_es') }} as language_es_key,
    {{ name_key('languages.native_name') }} as native_name_key
from languages
left join originals on languages.language_code = originals.language_code
order by languages.language_code
