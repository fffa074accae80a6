-- One row: the settings of the trained user model and how it was trained.
with

fitted as (

    select settings from {{ ref('int_user_model_fitted') }}
    where part = 'model'

)

select
    settings.global_mean,
    settings.rating_factor_count,
    settings.rating_reg_bias,
    settings.rating_reg_factors,
    settings.rating_reg_factors_per_rating,
    settings.implicit_factor_count,
    settings.implicit_regularization,
    settings.implicit_reg_per_rating,
    settings.implicit_alpha,
    settings.implicit_power,
    settings.like_threshold,
    settings.like_steepness,
    settings.trained_ratings,
    settings.trained_users,
    settings.trained_films,
    settings.fit_seconds
from fitted
