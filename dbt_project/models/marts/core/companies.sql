-- One row per TMDB companie id; the name is the one first seen in file order.
with

entries as (

    {{ unnest_list('int_movies_validated', 'production_companies') }}

)

select
    entry.id as company_id,
    first(entry.name order by record_number, list_position) as name
from entries
group by entry.id
