-- Every MovieLens rating (ratings_small): movie_id is NULL where no film in `movies` matches.
with

ratings as (

    select * from {{ ref('int_ratings_validated') }}
    where rejection_reason is null

),

links as (

    select
        movielens_id,
        movie_id
    from {{ ref('links') }}

)

select
    ratings.user_id,
    ratings.movielens_id,
    links.movie_id,
    ratings.rating::decimal(2, 1) as rating,
    ratings.rated_at
from ratings
left join links on ratings.movielens_id = links.movielens_id
