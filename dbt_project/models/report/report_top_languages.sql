-- Original languages ranked by films (ties: language code), with the share of all films;
-- films without an original language are left out (see report_null_counts). The counts are
-- api.films_by_language's.
with

films as (

    select count(*) as films from {{ ref('movies') }}

),

per_language as (

    select
        language_code,
        coalesce(language_en, language_code) as language,
        films
    from {{ ref('films_by_language') }}
    where films > 0

)

select
    row_number() over (
        order by per_language.films desc, per_language.language_code asc
    ) as language_rank,
    per_language.language_code,
    per_language.language,
    per_language.films,
    per_language.films / films.films as share
from per_language
cross join films
