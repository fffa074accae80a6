-- The trained user model's settings (one row), for folding a new user in: every column of
-- user_model_parameters but how the model was trained, so the columns are the fields of
-- recommender.serving.ServingSettings (named there once) in their order.
select
    * exclude (
        rating_factor_count,
        implicit_factor_count,
        trained_ratings,
        trained_users,
        trained_films,
        fit_seconds
    )
from {{ ref('user_model_parameters') }}
