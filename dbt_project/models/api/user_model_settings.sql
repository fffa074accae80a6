-- The trained user model's settings (one row), for folding a new user in.
select
    global_mean,
    rating_reg_bias,
    rating_reg_factors,
    rating_reg_factors_per_rating,
    implicit_regularization,
    implicit_reg_per_rating,
    implicit_alpha,
    implicit_power,
    like_threshold,
    like_steepness
from {{ ref('user_model_parameters') }}
