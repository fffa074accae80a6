-- One row per country: every ISO 3166-1 country of the seed (so a country with no film
-- answers 0, not "unknown") plus the historic codes TMDB uses, with TMDB's English name where
-- a film names the country and the Spanish name from the seed.
with

entries as (

    {{ unnest_list('int_movies_validated', 'production_countries') }}

),

from_films as (

    select
        entry.iso_3166_1 as country_code,
        first(entry.name order by record_number, list_position) as name
    from entries
    group by entry.iso_3166_1

),

names as (

    select * from {{ ref('country_names') }}

)

select
    coalesce(from_films.country_code, names.country_code) as country_code,
    coalesce(from_films.name, names.country_en) as name,
    names.country_en,
    names.country_es
from from_films
full outer join names on from_films.country_code = names.country_code
