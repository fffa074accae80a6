-- One row per country: every ISO 3166-1 country of the seed (so a country with no film
-- answers 0, not "unknown") plus the historic codes TMDB uses, with TMDB's English name where
-- a film names the country and the Spanish name from the seed.
with

from_films as (

    select
        entry_code as country_code,
        first(entry_name order by record_number, list_position) as name
    from {{ ref('int_movie_lists_unnested') }}
    where list_name = 'production_countries'
    group by entry_code

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
