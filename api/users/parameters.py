"""Documented parameters of the users' routes, shared with the statement's Spanish alias of
the prediction route."""

from __future__ import annotations

from litestar.params import Parameter

from api.docs import id_parameter
from api.users.service import MAX_LIMIT, RATING_MAX, RATING_MIN

USER_ID = id_parameter("MovieLens user id (1 to 671 on the shared data).", 1, 15)
MOVIE_ID = id_parameter("TMDB movie id.", 862, 680)
LIMIT = Parameter(ge=1, le=MAX_LIMIT, description=f"How many films (1 to {MAX_LIMIT}).")
THRESHOLD = Parameter(
    ge=RATING_MIN,
    le=RATING_MAX,
    description="Predicted rating from which the film is recommended.",
)
