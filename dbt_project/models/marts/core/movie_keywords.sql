-- Bridge film to keyword: one row per pair, ordered as TMDB lists them (a repeated entry
-- in one film's list keeps its first position).
with

entries as (

    {{ unnest_list('int_keywords_validated', 'keywords') }}

)

select
    movie_id,
    entry.id as keyword_id,
    min(list_position) as keyword_order
from entries
group by movie_id, entry.id
