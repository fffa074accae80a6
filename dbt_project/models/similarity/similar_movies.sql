-- The most similar films of every film (var similar_depth of them), best first, with why:
-- the genres, keywords and people (directors and top-billed cast) the two films share, and
-- whether they belong to the same collection. Scores come from the content model
-- (similar_movie_scores).
with

scores as (

    select * from {{ ref('similar_movie_scores') }}

),

features as (

    select
        movie_id,
        collection_id,
        genre_names,
        keyword_names,
        list_distinct(list_concat(director_names, cast_names)) as people_names
    from {{ ref('ml_movie_features') }}

)

select
    scores.movie_id::integer as movie_id,
    scores.rank::integer as rank,
    scores.similar_movie_id::integer as similar_movie_id,
    scores.score,
    list_sort(list_intersect(film.genre_names, other.genre_names)) as shared_genres,
    list_sort(list_intersect(film.keyword_names, other.keyword_names)) as shared_keywords,
    list_sort(list_intersect(film.people_names, other.people_names)) as shared_people,
    coalesce(film.collection_id = other.collection_id, false) as same_collection
from scores
inner join features as film on scores.movie_id = film.movie_id
inner join features as other on scores.similar_movie_id = other.movie_id
