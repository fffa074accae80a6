{{ config(
    materialized='table',
    post_hook=["create index {{ this.identifier }}__movie_id on {{ this }} (movie_id)"],
) }}

-- api.film_suggestions, precomputed and stored in movie_id order with an index on
-- movie_id, so a lookup reads its rows (var similar_depth of them) instead of joining the
-- whole table per request. Each suggestion carries what the route's filters test (its genre
-- ids and streaming platforms, as /discover/movies has them, and its release year), so a
-- filtered request is the same lookup with a WHERE clause.
with

films as (

    select
        movie_id,
        title,
        release_year,
        genre_ids,
        platforms
    from {{ ref('discover_movies') }}

),

neighbours as (

    select
        movie_id,
        rank,
        similar_movie_id,
        score,
        shared_genres,
        shared_keywords,
        shared_people,
        same_collection
    from {{ ref('similar_movies') }}

)

select
    films.movie_id,
    films.title,
    neighbours.rank,
    neighbours.similar_movie_id,
    suggested.title as similar_title,
    suggested.release_year as similar_release_year,
    neighbours.score,
    neighbours.shared_genres,
    neighbours.shared_keywords,
    neighbours.shared_people,
    neighbours.same_collection,
    suggested.genre_ids as similar_genre_ids,
    suggested.platforms as similar_platforms
from films
left join neighbours on films.movie_id = neighbours.movie_id
left join films as suggested on neighbours.similar_movie_id = suggested.movie_id
order by films.movie_id, neighbours.rank
