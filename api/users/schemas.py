"""Request and response bodies of `/users` and `/recommendations`, and the rows they are
built from."""

from __future__ import annotations

from typing import Annotated

import msgspec

from recommender.serving_settings import SETTINGS_COLUMNS


class UserRecommendation(msgspec.Struct):
    """A recommended film; `reason` names the rated films that led to it."""

    movie_id: int
    title: str | None
    score: float
    reason: str


class UserRecommendations(msgspec.Struct):
    """A MovieLens user's recommendations, best first (films the user rated are never listed)."""

    user_id: int
    items: list[UserRecommendation]


#: A rating is 0.5 to 5 stars in half stars, as in MovieLens (the build quarantines others).
RATING_MIN, RATING_MAX, RATING_STEP = 0.5, 5.0, 0.5
MAX_ID = 2**31 - 1


class RatedFilm(msgspec.Struct):
    """One rating of a new user: a TMDB movie id and 0.5 to 5 stars in half stars. The
    constraints are msgspec's, so the body is checked (400) and documented in one place."""

    movie_id: Annotated[int, msgspec.Meta(ge=1, le=MAX_ID, description="TMDB movie id.")]
    rating: Annotated[
        float,
        msgspec.Meta(
            ge=RATING_MIN,
            le=RATING_MAX,
            multiple_of=RATING_STEP,
            description="Stars, 0.5 to 5 in steps of 0.5.",
        ),
    ]


class ColdStartRecommendations(msgspec.Struct):
    """Recommendations for a new user; `ignored_movie_ids` are rated films nobody rated in
    MovieLens, which cannot inform the model."""

    items: list[UserRecommendation]
    ignored_movie_ids: list[int]


class UserMoviePrediction(msgspec.Struct):
    """Should the user watch the film: the predicted rating, whether it reaches the threshold,
    and the user's own rating when they already rated it."""

    user_id: int
    movie_id: int
    predicted_rating: float
    recommend: bool
    already_rated: float | None


# -- rows of the statements (not response bodies) --------------------------------------------


class KnownUser(msgspec.Struct):
    """The row of KNOWN_USER: a MovieLens user of the model."""

    ratings: int | None


class Prediction(msgspec.Struct):
    """The row of PREDICTION."""

    title: str | None
    predicted_rating: float
    already_rated: float | None


class ExistingFilm(msgspec.Struct):
    """A row of FILMS_EXISTING."""

    movie_id: int


class ModelFilm(msgspec.Struct):
    """A row of MODEL_FILMS: one film of the training data, its factors and how many ratings
    it had (`movie_id` null: a MovieLens film that is not in the catalogue)."""

    movielens_id: int
    movie_id: int | None
    title: str | None
    ratings: int
    rating_bias: float
    rating_factors: list[float]
    implicit_factors: list[float]


#: The row of MODEL_SETTINGS (null figures: a build without ratings); its fields are the
#: recommender's serving settings, declared once in recommender.serving_settings.
ModelSettings = msgspec.defstruct(
    "ModelSettings", [(name, float | None) for name in SETTINGS_COLUMNS]
)
