-- Bridge film to keyword: one row per pair, ordered as TMDB lists them (a repeated entry
-- in one film's list keeps its first position).
select
    movie_id,
    keyword_id,
    min(list_position) as keyword_order
from {{ ref('int_keywords_unnested') }}
group by movie_id, keyword_id
