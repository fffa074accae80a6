-- Bridge film to spoken language (ISO 639-1 code), in TMDB's order.
with

entries as (

    {{ unnest_list('int_movies_validated', 'spoken_languages') }}

)

select
    movie_id,
    entry.iso_639_1 as language_code,
    min(list_position) as language_order
from entries
group by movie_id, entry.iso_639_1
