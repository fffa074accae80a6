-- Predicted rating of every (MovieLens user, film of `movies`) pair, read one pair at a time:
-- global mean + user bias + film bias + dot product of the rating factors, clipped to
-- [0.5, 5]; a film the model has no ratings of gets the global mean + the user's bias.
with

users as (

    select
        user_id,
        rating_bias,
        rating_factors
    from {{ ref('user_factors') }}

),

films as (

    select
        movies.movie_id,
        movies.title,
        factors.rating_bias,
        factors.rating_factors
    from {{ ref('movies') }} as movies
    left join {{ ref('movie_factors') }} as factors on movies.movie_id = factors.movie_id

),

model as (

    select global_mean from {{ ref('user_model_parameters') }}

),

rated as (

    select
        user_id,
        movie_id,
        cast(rating as double) as rating
    from {{ ref('ratings') }}
    where movie_id is not null

)

select
    users.user_id,
    films.movie_id,
    films.title,
    least(
        greatest(
            model.global_mean
            + users.rating_bias
            + coalesce(films.rating_bias, 0)
            + coalesce(list_dot_product(users.rating_factors, films.rating_factors), 0),
            0.5
        ),
        5.0
    ) as predicted_rating,
    films.rating_bias is not null as film_in_model,
    rated.rating as already_rated
from users
cross join films
cross join model
left join rated on users.user_id = rated.user_id and films.movie_id = rated.movie_id
