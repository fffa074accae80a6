-- Original languages ranked by films (ties: language code), with the share of all films;
-- films without an original language are left out (see report_null_counts).
with

films as (

    select count(*) as films from {{ ref('movies') }}

),

per_language as (

    select
        original_language as language_code,
        count(*) as films
    from {{ ref('movies') }}
    where original_language is not null
    group by original_language

)

select
    row_number() over (
        order by per_language.films desc, per_language.language_code asc
    ) as language_rank,
    per_language.language_code,
    coalesce(languages.language_en, per_language.language_code) as language,
    per_language.films,
    per_language.films / films.films as share
from per_language
cross join films
left join {{ ref('languages') }} as languages
    on per_language.language_code = languages.language_code
