-- One row per TMDB keyword id; the name is the one first seen in file order.
select
    keyword_id,
    first(name order by record_number, list_position) as name
from {{ ref('int_keywords_unnested') }}
group by keyword_id
