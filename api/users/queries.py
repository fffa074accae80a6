"""The statements behind `/users` and `/recommendations`."""

from __future__ import annotations

from recommender.serving_settings import FILM_COLUMNS, SETTINGS_COLUMNS

RECOMMENDATIONS = """
select movie_id, title, score, reason
from {db}.api.recommendations_for_user
where user_id = $user_id
order by rank
limit $limit
"""

KNOWN_USER = """
select ratings
from {db}.api.user_model_factors
where user_id = $user_id
"""

PREDICTION = """
select title, predicted_rating, already_rated
from {db}.api.user_movie_predictions
where user_id = $user_id and movie_id = $movie_id
"""

FILMS_EXISTING = """
select movie_id
from {db}.api.movie_by_title
where movie_id in (select cast(unnest(string_split($ids, ',')) as bigint))
"""

# The columns are the recommender's (recommender.serving): the model is read the way the
# build stored it, field list written once.
MODEL_FILMS = f"""
select {", ".join(FILM_COLUMNS)}
from {{db}}.api.user_model_films
order by movielens_id
"""

MODEL_SETTINGS = f"""
select {", ".join(SETTINGS_COLUMNS)}
from {{db}}.api.user_model_settings
"""
