-- Bridge film to spoken language (ISO 639-1 code), in TMDB's order.
select
    movie_id,
    entry_code as language_code,
    min(list_position) as language_order
from {{ ref('int_movie_lists_unnested') }}
where list_name = 'spoken_languages'
group by movie_id, entry_code
