-- MovieLens id to IMDb and TMDB ids; movie_id is the TMDB id when it is a film in `movies`.
-- serves_film: "the MovieLens id of a film", where several link to one film: the one with the
-- most MovieLens ratings, then the lowest id. Feedback on the film is trained on that id, and
-- the user model serves the film through it (recommender.serving.fitted_model_table picks
-- the same one: feedback only adds ratings to it).
with

links as (

    select * from {{ ref('int_links_validated') }}
    where rejection_reason is null

),

movies as (

    select movie_id from {{ ref('movies') }}

),

rated as (

    select
        movielens_id,
        count(*) as ratings
    from {{ ref('int_ratings_validated') }}
    where rejection_reason is null
    group by movielens_id

),

linked as (

    select
        links.movielens_id,
        links.imdb_id,
        links.tmdb_id,
        movies.movie_id,
        coalesce(rated.ratings, 0) as ratings
    from links
    left join movies on links.tmdb_id = movies.movie_id
    left join rated on links.movielens_id = rated.movielens_id

)

select
    movielens_id,
    imdb_id,
    tmdb_id,
    movie_id,
    movie_id is not null and row_number() over (
        partition by movie_id order by ratings desc, movielens_id asc
    ) = 1 as serves_film
from linked
