-- Every film of the trained user model with the model's settings: what folding a new user
-- in (POST /recommendations) needs. movie_id / title are NULL for the films not in `movies`
-- (they still count in the implicit model's Gram matrix).
with

films as (

    select * from {{ ref('movie_factors') }}

),

movies as (

    select
        movie_id,
        title
    from {{ ref('movies') }}

)

select
    films.movielens_id,
    films.movie_id,
    movies.title,
    films.ratings,
    films.rating_bias,
    films.rating_factors,
    films.implicit_factors
from films
left join movies on films.movie_id = movies.movie_id
