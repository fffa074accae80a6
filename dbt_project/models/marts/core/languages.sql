-- One row per ISO 639-1 language (plus TMDB's `xx` and `cn`): English and Spanish names from
-- the seed, and the native name TMDB gives in spoken_languages (`Français`) where a film has it.
with

spoken as (

    select
        entry_code as language_code,
        first(nullif(entry_name, '') order by record_number, list_position) as native_name
    from {{ ref('int_movie_lists_unnested') }}
    where list_name = 'spoken_languages'
    group by entry_code

),

original as (

    select distinct original_language as language_code
    from {{ ref('int_movies_validated') }}
    where rejection_reason is null and original_language is not null

),

names as (

    select * from {{ ref('language_names') }}

),

codes as (

    select language_code from names
    union
    select language_code from spoken
    union
    select language_code from original

)

select
    codes.language_code,
    spoken.native_name,
    names.language_en,
    names.language_es
from codes
left join names on codes.language_code = names.language_code
left join spoken on codes.language_code = spoken.language_code
