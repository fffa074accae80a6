-- One row per MovieLens user: the user's side of the trained model (ml_user_model_fitted).
with

fitted as (

    select * from {{ ref('ml_user_model_fitted') }}
    where part = 'user'

)

select
    cast(id as integer) as user_id,
    ratings,
    rating_bias,
    rating_factors,
    implicit_factors
from fitted
