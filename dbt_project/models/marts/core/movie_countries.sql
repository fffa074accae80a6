-- Bridge film to production country (ISO 3166-1 code), in TMDB's order.
select
    movie_id,
    entry_code as country_code,
    min(list_position) as country_order
from {{ ref('int_movie_lists_unnested') }}
where list_name = 'production_countries'
group by movie_id, entry_code
