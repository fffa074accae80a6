-- One row per MovieLens user of the trained user model: the user's side of it, for the user
-- routes (is this a user of the model? how many ratings was it trained on?) without reading
-- the marts.
select
    user_id,
    ratings,
    rating_bias,
    rating_factors,
    implicit_factors
from {{ ref('user_factors') }}
