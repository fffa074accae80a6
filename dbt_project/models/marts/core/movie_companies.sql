-- Bridge film to company: one row per pair, ordered as TMDB lists them (a repeated entry
-- in one film's list keeps its first position).
with

entries as (

    {{ unnest_list('int_movies_validated', 'production_companies') }}

)

select
    movie_id,
    entry.id as company_id,
    min(list_position) as company_order
from entries
group by movie_id, entry.id
