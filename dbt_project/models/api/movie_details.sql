{{ config(
    materialized='table',
    post_hook=[
        "create index {{ this.identifier }}__movie_id on {{ this }} (movie_id)",
    ],
) }}

-- One row per film with everything its page shows, the lists nested in TMDB's order (from
-- movie_lists): genres, collection, production companies, countries and spoken languages,
-- directors, the top ten billed cast members, and the streaming titles it is (where to watch).
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
    lists.genres,
    lists.companies,
    lists.countries,
    lists.spoken_languages,
    lists.directors,
    lists.billed_cast[1:10] as top_cast,
    coalesce(available_on.available_on, []) as available_on
from movies
left join {{ ref('collections') }} as collections
    on movies.collection_id = collections.collection_id
inner join {{ ref('movie_lists') }} as lists on movies.movie_id = lists.movie_id
left join available_on on movies.movie_id = available_on.movie_id
order by movies.movie_id
