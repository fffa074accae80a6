-- One row per TMDB keyword id; the name is the one first seen in file order.
with

entries as (

    {{ unnest_list('int_keywords_validated', 'keywords') }}

)

select
    entry.id as keyword_id,
    first(entry.name order by record_number, list_position) as name
from entries
group by entry.id
