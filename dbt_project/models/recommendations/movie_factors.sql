-- One row per rated MovieLens film: the films' side of the trained model
-- (ml_user_model_fitted); movie_id is the TMDB film it is served as, NULL when none.
with

fitted as (

    select * from {{ ref('ml_user_model_fitted') }}
    where part = 'film'

)

select
    cast(id as integer) as movielens_id,
    movie_id,
    ratings,
    rating_bias,
    rating_factors,
    implicit_factors
from fitted
