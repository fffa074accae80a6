-- Bridge film to company: one row per pair, ordered as TMDB lists them (a repeated entry
-- in one film's list keeps its first position).
select
    movie_id,
    entry_id as company_id,
    min(list_position) as company_order
from {{ ref('int_movie_lists_unnested') }}
where list_name = 'production_companies'
group by movie_id, entry_id
