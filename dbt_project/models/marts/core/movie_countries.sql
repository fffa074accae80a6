-- Bridge film to production country (ISO 3166-1 code), in TMDB's order.
with

entries as (

    {{ unnest_list('int_movies_validated', 'production_countries') }}

)

select
    movie_id,
    entry.iso_3166_1 as country_code,
    min(list_position) as country_order
from entries
group by movie_id, entry.iso_3166_1
