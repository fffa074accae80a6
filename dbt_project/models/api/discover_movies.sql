{{ config(materialized='table') }}

-- One row per film with everything `/discover/movies` filters and sorts on: the film's
-- figures and, as lists, its genres, production countries, companies, people (cast or crew),
-- keywords and the streaming platforms one of its titles is on. A discover request is one
-- statement over this table (api/discover/queries.py keeps it), e.g. the best-rated Japanese
-- animated films:
--   select title, vote_average from api.discover_movies
--   where list_contains(genre_ids, 16) and original_language = 'ja' and vote_count >= 100
--   order by vote_average desc nulls last, movie_id limit 20
with

genres as (

    select
        movie_id,
        list(genre_id order by genre_id) as genre_ids
    from {{ ref('movie_genres') }}
    group by movie_id

),

countries as (

    select
        movie_id,
        list(country_code order by country_code) as country_codes
    from {{ ref('movie_countries') }}
    group by movie_id

),

companies as (

    select
        movie_id,
        list(distinct company_id order by company_id) as company_ids
    from {{ ref('movie_companies') }}
    group by movie_id

),

credits as (

    select
        movie_id,
        person_id
    from {{ ref('movie_cast') }}
    union
    select
        movie_id,
        person_id
    from {{ ref('movie_crew') }}

),

people as (

    select
        movie_id,
        list(person_id order by person_id) as person_ids
    from credits
    group by movie_id

),

keywords as (

    select
        movie_id,
        list(distinct keyword_id order by keyword_id) as keyword_ids
    from {{ ref('movie_keywords') }}
    group by movie_id

),

platforms as (

    select
        title_movies.movie_id,
        list(distinct titles.platform order by titles.platform) as platforms
    from {{ ref('streaming_title_movies') }} as title_movies
    inner join {{ ref('streaming_titles') }} as titles
        on title_movies.title_id = titles.title_id
    group by title_movies.movie_id

)

select
    movies.movie_id,
    movies.title,
    movies.release_date,
    movies.release_year,
    movies.popularity,
    movies.vote_count,
    movies.vote_average,
    movies.runtime,
    movies.revenue,
    movies."return",
    movies.original_language,
    coalesce(genres.genre_ids, []::integer[]) as genre_ids,
    coalesce(countries.country_codes, []::varchar[]) as country_codes,
    coalesce(companies.company_ids, []::integer[]) as company_ids,
    coalesce(people.person_ids, []::integer[]) as person_ids,
    coalesce(keywords.keyword_ids, []::integer[]) as keyword_ids,
    coalesce(platforms.platforms, []::varchar[]) as platforms
from {{ ref('movies') }} as movies
left join genres on movies.movie_id = genres.movie_id
left join countries on movies.movie_id = countries.movie_id
left join companies on movies.movie_id = companies.movie_id
left join people on movies.movie_id = people.movie_id
left join keywords on movies.movie_id = keywords.movie_id
left join platforms on movies.movie_id = platforms.movie_id
order by movies.movie_id
