"""Recommendations and predictions for MovieLens users, and for new users from their ratings.

Nothing is trained here and no model file is read: the build stores every MovieLens user's
top 50 and the films' side of the model, and a new user is folded in with the same functions
the build used (see the package's doc).
"""

from __future__ import annotations

import threading
from collections import Counter
from typing import TYPE_CHECKING

import msgspec

from api.db import BuildHandle, Warehouse
from api.problems import InvalidArgument, RepeatedFilm, UnknownName
from api.users import queries
from api.users.schemas import (
    MAX_ID,
    RATING_MAX,
    RATING_MIN,
    ColdStartRecommendations,
    ExistingFilm,
    KnownUser,
    ModelFilm,
    ModelSettings,
    Prediction,
    RatedFilm,
    UserMoviePrediction,
    UserRecommendation,
    UserRecommendations,
)
from recommender.serving_settings import TOP_K

if TYPE_CHECKING:
    from recommender.serving import ServedModel

#: `recommend` is true when the predicted rating reaches this (issue 7), unless the request
#: passes `threshold`.
DEFAULT_THRESHOLD = 3.5
#: Recommendations listed without `limit` (the dbt var `recommendations_default_limit`, of
#: which the build stores the answers ready to send; a test holds the two equal).
DEFAULT_RECOMMENDATIONS = 10
#: Recommendations stored per user (the build's top 50).
MAX_LIMIT = TOP_K
#: Films a cold-start request may rate.
MAX_RATED_FILMS = 1000


# -- the films' side of the model, as arrays, once per build ----------------------------------


# The model of the last builds asked for, keyed by the build's handle (its identity: a handle
# is never reused for another build).
_models: dict[int, tuple[BuildHandle, ServedModel | None]] = {}
_models_lock = threading.Lock()


def _load_model(warehouse: Warehouse) -> ServedModel | None:
    films = warehouse.fetch_structs(queries.MODEL_FILMS, (), ModelFilm)
    found = warehouse.fetch_struct(queries.MODEL_SETTINGS, (), ModelSettings)
    from recommender.serving import ServedModel  # numpy, scipy, pandas: not at start-up

    return ServedModel.from_rows(
        None if found is None else msgspec.structs.astuple(found),
        [msgspec.structs.astuple(film) for film in films],
    )  # None when the build has no ratings


def served_model(warehouse: Warehouse) -> ServedModel | None:
    """The model of the current build (None when it has no ratings), built from its tables
    on the first request that needs it and kept while the build is served: arrays for
    ~9,000 films take far longer than a request."""
    handle = warehouse.current
    with _models_lock:
        cached = _models.get(id(handle))
        if cached is not None and cached[0] is handle:
            return cached[1]
    model = _load_model(warehouse)
    with _models_lock:
        while len(_models) >= 2:
            _models.pop(next(iter(_models)))
        _models[id(handle)] = (handle, model)
    return model


# -- MovieLens users ---------------------------------------------------------------------------


def require_user(warehouse: Warehouse, user_id: int) -> None:
    """404 unless `user_id` is a MovieLens user of the model."""
    if warehouse.fetch_struct(queries.KNOWN_USER, {"user_id": user_id}, KnownUser) is None:
        raise UnknownName("user", f"id {user_id}", [])


def user_recommendations(warehouse: Warehouse, user_id: int, limit: int) -> UserRecommendations:
    """The user's best `limit` recommendations (of the build's top 50); 404 for an unknown
    user (a known one always has some)."""
    items = warehouse.fetch_structs(
        queries.RECOMMENDATIONS, {"user_id": user_id, "limit": limit}, UserRecommendation
    )
    if not items:
        require_user(warehouse, user_id)
    return UserRecommendations(user_id=user_id, items=items)


def user_movie_prediction(
    warehouse: Warehouse, user_id: int, movie_id: int, threshold: float
) -> tuple[UserMoviePrediction, str | None]:
    """The prediction and the film's title; 404 for an unknown user or film."""
    found = warehouse.fetch_struct(
        queries.PREDICTION, {"user_id": user_id, "movie_id": movie_id}, Prediction
    )
    if found is None:  # the view pairs every user with every film: one of them is unknown
        require_user(warehouse, user_id)
        raise UnknownName("film", f"id {movie_id}", [])
    prediction = UserMoviePrediction(
        user_id=user_id,
        movie_id=movie_id,
        predicted_rating=found.predicted_rating,
        recommend=found.predicted_rating >= threshold,
        already_rated=found.already_rated,
    )
    return prediction, found.title


# -- new users ---------------------------------------------------------------------------------


def _validate_ratings(warehouse: Warehouse, rated: list[RatedFilm]) -> None:
    if not rated:
        raise InvalidArgument("Rate at least one film: the body is an empty list.")
    if len(rated) > MAX_RATED_FILMS:
        raise InvalidArgument(f"Rate at most {MAX_RATED_FILMS} films, not {len(rated)}.")
    out_of_range = [f.movie_id for f in rated if not RATING_MIN <= f.rating <= RATING_MAX]
    if out_of_range:
        raise InvalidArgument(
            f"Ratings must be between {RATING_MIN} and {RATING_MAX}; films with other ratings: "
            f"{_id_list(out_of_range)}."
        )
    counts = Counter(f.movie_id for f in rated)
    repeated = sorted(i for i, n in counts.items() if n > 1)
    if repeated:
        raise RepeatedFilm(_id_list(repeated))
    wanted = sorted(i for i in counts if 1 <= i <= MAX_ID)
    ids = ",".join(map(str, wanted))
    found = (
        warehouse.fetch_structs(queries.FILMS_EXISTING, {"ids": ids}, ExistingFilm) if ids else []
    )
    existing = {film.movie_id for film in found}
    unknown = sorted(i for i in counts if i not in existing)
    if unknown:
        raise UnknownName("film", f"movie_id {_id_list(unknown)}", [])


def _id_list(ids: list[int], shown: int = 20) -> str:
    text = ", ".join(map(str, ids[:shown]))
    return text + (f" and {len(ids) - shown} more" if len(ids) > shown else "")


def cold_start(
    warehouse: Warehouse, rated: list[RatedFilm], limit: int
) -> ColdStartRecommendations:
    """Recommendations for a new user from their ratings, without training (see module doc);
    400 for an empty list, a rating out of range, a repeated or unknown movie_id."""
    _validate_ratings(warehouse, rated)
    model = served_model(warehouse)
    if model is None:
        return ColdStartRecommendations(items=[], ignored_movie_ids=[f.movie_id for f in rated])
    from recommender.serving import recommend_new_user

    found = recommend_new_user(model, [f.movie_id for f in rated], [f.rating for f in rated], limit)
    return ColdStartRecommendations(
        items=[
            UserRecommendation(movie_id=s.movie_id, title=s.title, score=s.score, reason=s.reason)
            for s in found.items
        ],
        ignored_movie_ids=found.ignored_movie_ids,
    )
