{{ config(materialized='view', schema='api') }}

-- The films most similar to each film (similar_movies, best first), with the suggested film's
-- title and year and why: shared genres, keywords, people, same collection. A film without
-- suggestions has one row with rank NULL, so a lookup tells "no such film" from "nothing
-- similar" in one statement (`GET /movies/{movie_id}/similar`, `/recomendacion/{titulo}`).
-- Example: select rank, similar_title, score from api.film_suggestions
--          where movie_id = 862 and rank <= 5 order by rank;
with

films as (

    select
        movie_id,
        title,
        release_year
    from {{ ref('movies') }}

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
    neighbours.same_collection
from films
left join neighbours on films.movie_id = neighbours.movie_id
left join films as suggested on neighbours.similar_movie_id = suggested.movie_id
