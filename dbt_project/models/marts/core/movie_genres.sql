-- Bridge film to genre: one row per pair, ordered as TMDB lists them (a repeated entry
-- in one film's list keeps its first position).
with

entries as (

    {{ unnest_list('int_movies_validated', 'genres') }}

)

select
    movie_id,
    entry.id as genre_id,
    min(list_position) as genre_order
from entries
group by movie_id, entry.id
