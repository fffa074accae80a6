-- The statement's prod_per_county: titles produced in a country, by type and release year.
-- A NULL type or release_year row counts all types / all years.
-- Example: select titles from api.streaming_country_counts
--          where country = 'india' and type = 'movie' and release_year = 2019;
select
    title_countries.country,
    titles.type,
    titles.release_year,
    count(*) as titles
from {{ ref('streaming_title_countries') }} as title_countries
inner join {{ ref('streaming_titles') }} as titles on title_countries.title_id = titles.title_id
group by grouping sets (
    (title_countries.country, titles.type, titles.release_year),
    (title_countries.country, titles.type),
    (title_countries.country, titles.release_year),
    (title_countries.country)
)
