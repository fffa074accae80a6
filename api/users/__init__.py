"""`/users` and `/recommendations`: recommendations for MovieLens users from the model the build
trained (issue 7), and "should user U watch film M?".

- `GET /users/{user_id}/recommendations` reads the precomputed top 50
  (`api.recommendations_for_user`).
- `GET /users/{user_id}/movies/{movie_id}` reads one row of `api.user_movie_predictions` (the
  rating model in SQL: global mean + biases + dot product of the factor lists, clipped);
  `recommend` = predicted rating >= `threshold` (default 3.5).
- `POST /recommendations` folds a new, anonymous user in from their ratings: one exact ALS
  user step over the films' factors (`api.user_model_films`, `api.user_model_settings`, read
  once per build), with the same functions the build used for every MovieLens user
  (`recommender.serving.recommend_new_user`). Nothing is trained here and no model
  file is read.

The statement's Spanish alias of the prediction route (`/recomendacion_usuario/{user_id}/
{titulo}`) lives with the other Spanish routes in `api.statement`, over these services.

Unknown users and films answer 404 problem details; invalid bodies and arguments 400.
"""
