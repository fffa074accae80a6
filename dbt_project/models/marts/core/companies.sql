-- One row per TMDB company id; the name is the one first seen in file order.
select
    entry_id as company_id,
    first(entry_name order by record_number, list_position) as name
from {{ ref('int_movie_lists_unnested') }}
where list_name = 'production_companies'
group by entry_id
