{{ config(materialized='view', schema='api') }}

-- The films most similar to each film (similar_movies, best first), with the suggested film's
-- title and year and why: shared genres, keywords, people, same collection. A film without
-- suggestions has one row with rank NULL, so a lookup tells "no such film" from "nothing
-- similar" in one statement (`GET /movies/{movie_id}/similar`, `/recomendacion/{titulo}`).
-- Example: select rank, similar_title, score from api.film_suggestions
--          where movie_id = 862 and rank <= 5 order by rank;
-- Reads the precomputed, indexed main.film_suggestion_index.
select
    movie_id,
    title,
    rank,
    similar_movie_id,
    similar_title,
    similar_release_year,
    score,
    shared_genres,
    shared_keywords,
    shared_people,
    same_collection
from {{ ref('film_suggestion_index') }}
