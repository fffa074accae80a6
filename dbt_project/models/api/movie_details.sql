{{ config(
    materialized='table',
    post_hook=[
        "create index {{ this.identifier }}__movie_id on {{ this }} (movie_id)",
    ],
) }}

-- One row per film with everything its page shows, the lists nested in TMDB's order:
-- genres, collection, production companies, countries and spoken languages, directors, the
-- top ten billed cast members, and the streaming titles it is (where to watch it).
with

movies as (

    select
        movie_id,
        title,
        original_language,
        overview,
        tagline,
        status,
        release_date,
        release_year,
        budget,
        revenue,
        "return",
        runtime,
        popularity,
        vote_average,
        vote_count,
        collection_id
    from {{ ref('movies') }}

),

genres as (

    select
        movie_genres.movie_id,
        list(
            { 'genre_id': genres.genre_id, 'name': genres.name }
            order by movie_genres.genre_order
        ) as genres
    from {{ ref('movie_genres') }} as movie_genres
    inner join {{ ref('genres') }} as genres on movie_genres.genre_id = genres.genre_id
    group by movie_genres.movie_id

),

companies as (

    select
        movie_companies.movie_id,
        list(
            { 'company_id': companies.company_id, 'name': companies.name }
            order by movie_companies.company_order
        ) as companies
    from {{ ref('movie_companies') }} as movie_companies
    inner join {{ ref('companies') }} as companies
        on movie_companies.company_id = companies.company_id
    group by movie_companies.movie_id

),

countries as (

    select
        movie_countries.movie_id,
        list(
            { 'country_code': countries.country_code, 'name': countries.name }
            order by movie_countries.country_order
        ) as countries
    from {{ ref('movie_countries') }} as movie_countries
    inner join {{ ref('countries') }} as countries
        on movie_countries.country_code = countries.country_code
    group by movie_countries.movie_id

),

spoken_languages as (

    select
        movie_spoken_languages.movie_id,
        list(
            {
                'language_code': languages.language_code,
                'name': coalesce(languages.language_en, languages.native_name)
            }
            order by movie_spoken_languages.language_order
        ) as spoken_languages
    from {{ ref('movie_spoken_languages') }} as movie_spoken_languages
    inner join {{ ref('languages') }} as languages
        on movie_spoken_languages.language_code = languages.language_code
    group by movie_spoken_languages.movie_id

),

directors as (

    select
        directors.movie_id,
        list(
            { 'person_id': people.person_id, 'name': people.name }
            order by directors.crew_position
        ) as directors
    from {{ ref('directors') }} as directors
    inner join {{ ref('people') }} as people on directors.person_id = people.person_id
    group by directors.movie_id

),

billed as (

    select
        movie_cast.movie_id,
        movie_cast.person_id,
        people.name,
        movie_cast."character",
        movie_cast.cast_position,
        row_number() over (
            partition by movie_cast.movie_id
            order by movie_cast.cast_order asc nulls last, movie_cast.cast_position asc
        ) as billing
    from {{ ref('movie_cast') }} as movie_cast
    inner join {{ ref('people') }} as people on movie_cast.person_id = people.person_id

),

top_cast as (

    select
        movie_id,
        list(
            { 'person_id': person_id, 'name': name, 'character': "character" }
            order by billing
        ) as top_cast
    from billed
    where billing <= 10
    group by movie_id

),

available_on as (

    select
        title_movies.movie_id,
        list(
            { 'platform': titles.platform, 'title_id': titles.title_id, 'score': titles.score }
            order by titles.platform, titles.title_id
        ) as available_on
    from {{ ref('streaming_title_movies') }} as title_movies
    inner join {{ ref('streaming_titles') }} as titles
        on title_movies.title_id = titles.title_id
    group by title_movies.movie_id

)

select
    movies.movie_id,
    movies.title,
    movies.original_language,
    movies.overview,
    movies.tagline,
    movies.status,
    movies.release_date,
    movies.release_year,
    movies.budget,
    movies.revenue,
    movies."return",
    movies.runtime,
    movies.popularity,
    movies.vote_average,
    movies.vote_count,
    movies.collection_id,
    collections.name as collection_name,
    coalesce(genres.genres, []) as genres,
    coalesce(companies.companies, []) as companies,
    coalesce(countries.countries, []) as countries,
    coalesce(spoken_languages.spoken_languages, []) as spoken_languages,
    coalesce(directors.directors, []) as directors,
    coalesce(top_cast.top_cast, []) as top_cast,
    coalesce(available_on.available_on, []) as available_on
from movies
left join {{ ref('collections') }} as collections
    on movies.collection_id = collections.collection_id
left join genres on movies.movie_id = genres.movie_id
left join companies on movies.movie_id = companies.movie_id
left join countries on movies.movie_id = countries.movie_id
left join spoken_languages on movies.movie_id = spoken_languages.movie_id
left join directors on movies.movie_id = directors.movie_id
left join top_cast on movies.movie_id = top_cast.movie_id
left join available_on on movies.movie_id = available_on.movie_id
order by movies.movie_id
