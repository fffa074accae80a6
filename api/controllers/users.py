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
  (`recommender.users.user_step` / `recommend_films`). Nothing is trained here and no model
  file is read.
- `GET /recomendacion_usuario/{user_id}/{titulo}`: the statement's Spanish alias of the
  prediction route, the film found by title like the other Spanish routes.

Unknown users and films answer 404 problem details; invalid bodies and arguments 400.
"""

from __future__ import annotations

import threading
from collections import Counter
from dataclasses import dataclass
from typing import Annotated, Any

import numpy as np
from litestar import Controller, get, post
from litestar.datastructures import State
from litestar.params import Body, Parameter

from api.controllers import movies
from api.db import MAY_RUN_LONG, Warehouse
from api.docs import id_parameter, name_parameter, responses
from api.problems import InvalidArgument, UnknownName
from api.schemas import (
    ColdStartRecommendations,
    RatedFilm,
    RecomendacionUsuario,
    UserMoviePrediction,
    UserRecommendation,
    UserRecommendations,
)
from recommender.users import (
    FilmSide,
    ServingSettings,
    reason_text,
    recommend_films,
    user_step,
)

#: `recommend` is true when the predicted rating reaches this (issue 7), unless the request
#: passes `threshold`.
DEFAULT_THRESHOLD = 3.5
#: Recommendations stored per user (the build's top 50).
MAX_LIMIT = 50
#: Films a cold-start request may rate.
MAX_RATED_FILMS = 1000
RATING_MIN, RATING_MAX = 0.5, 5.0
MAX_ID = 2**31 - 1

RECOMMENDATIONS = """
select movie_id, title, score, reason
from {db}.api.recommendations_for_user
where user_id = $user_id
order by rank
limit $limit
"""

KNOWN_USER = """
select ratings
from {db}.main.user_factors
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

MODEL_FILMS = """
select movielens_id, movie_id, title, ratings, rating_bias, rating_factors, implicit_factors
from {db}.api.user_model_films
order by movielens_id
"""

MODEL_SETTINGS = """
select
    global_mean, rating_reg_bias, rating_reg_factors, rating_reg_factors_per_rating,
    implicit_regularization, implicit_reg_per_rating, implicit_alpha, implicit_power,
    like_threshold, like_steepness
from {db}.api.user_model_settings
"""


# -- the films' side of the model, as arrays, once per build ----------------------------------


@dataclass(frozen=True)
class ServedModel:
    settings: ServingSettings
    films: FilmSide
    movie_ids: np.ndarray  # TMDB id per film row, -1 where the film is not in `movies`
    titles: list[str | None]
    ratings: np.ndarray  # training ratings per film row
    row_of_movie: dict[int, int]


_models: dict[int, tuple[list[tuple[Any, ...]], ServedModel | None]] = {}
_models_lock = threading.Lock()


def served_model(warehouse: Warehouse) -> ServedModel | None:
    """The model of the current build (None when it has no ratings). The rows are memoised per
    build by the warehouse; the arrays built from them are memoised here, keyed by those rows."""
    rows = warehouse.fetch_all(MODEL_FILMS)
    with _models_lock:
        cached = _models.get(id(rows))
        if cached is not None and cached[0] is rows:
            return cached[1]
    settings_row = warehouse.fetch_one(MODEL_SETTINGS)
    model = None
    if rows and settings_row is not None and settings_row[0] is not None:
        settings = ServingSettings(*(float(value) for value in settings_row))
        films = FilmSide(
            rating_bias=np.array([row[4] for row in rows], dtype=float),
            rating_factors=np.array([row[5] for row in rows], dtype=float),
            implicit_factors=np.array([row[6] for row in rows], dtype=float),
        )
        movie_ids = np.array([-1 if row[1] is None else row[1] for row in rows], dtype=np.int64)
        model = ServedModel(
            settings=settings,
            films=films,
            movie_ids=movie_ids,
            titles=[row[2] for row in rows],
            ratings=np.array([row[3] for row in rows], dtype=float),
            row_of_movie={int(m): i for i, m in enumerate(movie_ids) if m >= 0},
        )
        films.implicit_gram  # noqa: B018 - computed once, not per request
    with _models_lock:
        while len(_models) >= 2:
            _models.pop(next(iter(_models)))
        _models[id(rows)] = (rows, model)
    return model


# -- query functions -------------------------------------------------------------------------


def _require_user(warehouse: Warehouse, user_id: int) -> None:
    if warehouse.fetch_one(KNOWN_USER, {"user_id": user_id}) is None:
        raise UnknownName("user", f"id {user_id}", [])


def user_recommendations(warehouse: Warehouse, user_id: int, limit: int) -> UserRecommendations:
    rows = warehouse.fetch_all(RECOMMENDATIONS, {"user_id": user_id, "limit": limit})
    if not rows:
        _require_user(warehouse, user_id)
    return UserRecommendations(
        user_id=user_id,
        items=[UserRecommendation(movie_id=m, title=t, score=s, reason=r) for m, t, s, r in rows],
    )


def user_movie_prediction(
    warehouse: Warehouse, user_id: int, movie_id: int, threshold: float
) -> tuple[UserMoviePrediction, str]:
    """The prediction and the film's title; 404 for an unknown user or film."""
    row = warehouse.fetch_one(PREDICTION, {"user_id": user_id, "movie_id": movie_id})
    if row is None:  # the view pairs every user with every film: one of them is unknown
        _require_user(warehouse, user_id)
        raise UnknownName("film", f"id {movie_id}", [])
    title, predicted, already_rated = row
    prediction = UserMoviePrediction(
        user_id=user_id,
        movie_id=movie_id,
        predicted_rating=predicted,
        recommend=predicted >= threshold,
        already_rated=already_rated,
    )
    return prediction, title


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
        raise InvalidArgument(
            f"Each film may be rated once; rated more than once: {_id_list(repeated)}."
        )
    wanted = sorted(i for i in counts if 1 <= i <= MAX_ID)
    ids = ",".join(map(str, wanted))
    rows = warehouse.fetch_all(FILMS_EXISTING, {"ids": ids}) if ids else []
    existing = {row[0] for row in rows}
    unknown = sorted(i for i in counts if i not in existing)
    if unknown:
        raise InvalidArgument(f"Unknown movie_id (no film in the catalogue): {_id_list(unknown)}.")


def _id_list(ids: list[int], shown: int = 20) -> str:
    text = ", ".join(map(str, ids[:shown]))
    return text + (f" and {len(ids) - shown} more" if len(ids) > shown else "")


def cold_start(
    warehouse: Warehouse, rated: list[RatedFilm], limit: int
) -> ColdStartRecommendations:
    """Recommendations for a new user from their ratings, without training (see module doc)."""
    _validate_ratings(warehouse, rated)
    model = served_model(warehouse)
    if model is None:
        return ColdStartRecommendations(items=[], ignored_movie_ids=[f.movie_id for f in rated])
    usable = [f for f in rated if f.movie_id in model.row_of_movie]
    ignored = sorted(f.movie_id for f in rated if f.movie_id not in model.row_of_movie)
    rows = np.array([model.row_of_movie[f.movie_id] for f in usable], dtype=np.int64)
    given = np.array([f.rating for f in usable], dtype=float)
    candidates = model.movie_ids >= 0
    if len(usable) == 0:
        return ColdStartRecommendations(
            items=_most_rated(model, candidates, limit), ignored_movie_ids=ignored
        )
    user = user_step(model.settings, model.films, rows, given)
    nameable = np.array([title is not None for title in model.titles])
    rating_of = dict(zip(rows.tolist(), given.tolist(), strict=True))
    items = [
        UserRecommendation(
            movie_id=int(model.movie_ids[rec.film]),
            title=model.titles[rec.film],
            score=rec.score,
            reason=reason_text([(model.titles[i], rating_of[i]) for i in rec.because]),
        )
        for rec in recommend_films(
            model.settings, model.films, user, candidates, limit, nameable=nameable
        )
    ]
    return ColdStartRecommendations(items=items, ignored_movie_ids=ignored)


def _most_rated(model: ServedModel, candidates: np.ndarray, limit: int) -> list[UserRecommendation]:
    """When none of the rated films has ratings in the model: the most rated films."""
    counts = np.where(candidates, model.ratings, -np.inf)
    order = np.lexsort((np.arange(len(counts)), -counts))[:limit]
    return [
        UserRecommendation(
            movie_id=int(model.movie_ids[i]),
            title=model.titles[i],
            score=float(model.ratings[i]),
            reason="Among the most rated films (none of the films you rated has ratings yet)",
        )
        for i in order
        if np.isfinite(counts[i])
    ]


# -- routes -----------------------------------------------------------------------------------

_USER_ID = id_parameter("MovieLens user id (1 to 671 on the shared data).", 1, 15)
_MOVIE_ID = id_parameter("TMDB movie id.", 862, 680)
_LIMIT = Parameter(ge=1, le=MAX_LIMIT, description=f"How many films (1 to {MAX_LIMIT}).")
_THRESHOLD = Parameter(
    ge=RATING_MIN,
    le=RATING_MAX,
    description="Predicted rating from which the film is recommended.",
)

_GODFATHER = {
    "movie_id": 240,
    "title": "The Godfather: Part II",
    "score": 0.0536,
    "reason": "Because you rated The French Connection (4.0), Cinema Paradiso (4.0) and "
    "Dracula (3.5)",
}


class UsersController(Controller):
    path = "/users"
    tags = ("recommendations",)

    @get(
        "/{user_id:int}/recommendations",
        sync_to_thread=MAY_RUN_LONG,
        summary="Films to recommend to a MovieLens user, with the rated films that led to each",
        description=(
            "The build's top 50 per user (films of the catalogue the user has not rated): "
            "score = implicit-feedback MF score (will the user rate it?) x logistic of the "
            "rating model's prediction (will they like it?)."
        ),
        responses=responses(
            UserRecommendations,
            {"user_id": 1, "items": [_GODFATHER]},
            summary="GET /users/1/recommendations?limit=1",
            not_found=("No user matches 'id 999999'.", []),
            invalid="Validation failed for GET /users/1/recommendations?limit=0",
        ),
    )
    def recommendations(
        self,
        state: State,
        user_id: Annotated[int, _USER_ID],
        limit: Annotated[int, _LIMIT] = 10,
    ) -> UserRecommendations:
        return user_recommendations(state.warehouse, user_id, limit)

    @get(
        "/{user_id:int}/movies/{movie_id:int}",
        sync_to_thread=MAY_RUN_LONG,
        summary="Should this user watch this film? The predicted rating and the verdict",
        description=(
            "Rating model (biased matrix factorization trained in the build): global mean + "
            "user bias + film bias + factors' dot product, clipped to 0.5-5 (a film without "
            "ratings: global mean + user bias). `recommend` = predicted rating >= `threshold`; "
            "`already_rated` is the user's own rating, if any."
        ),
        responses=responses(
            UserMoviePrediction,
            {
                "user_id": 15,
                "movie_id": 680,
                "predicted_rating": 4.07,
                "recommend": True,
                "already_rated": 5.0,
            },
            summary="GET /users/15/movies/680",
            not_found=("No user matches 'id 999999'.", []),
            invalid="Validation failed for GET /users/15/movies/0",
        ),
    )
    def prediction(
        self,
        state: State,
        user_id: Annotated[int, _USER_ID],
        movie_id: Annotated[int, _MOVIE_ID],
        threshold: Annotated[float, _THRESHOLD] = DEFAULT_THRESHOLD,
    ) -> UserMoviePrediction:
        return user_movie_prediction(state.warehouse, user_id, movie_id, threshold)[0]


class ColdStartController(Controller):
    path = "/recommendations"
    tags = ("recommendations",)

    @post(
        "/",
        sync_to_thread=MAY_RUN_LONG,
        status_code=200,
        summary="Recommendations for a new, anonymous user from a few ratings (no retraining)",
        description=(
            "The body lists `{movie_id, rating}` (TMDB ids, ratings 0.5-5, each film once). The "
            "user is folded into the trained model with one exact ALS user step, the same the "
            "build computes for every MovieLens user. Films of the catalogue nobody rated in "
            "MovieLens cannot inform the model and are listed in `ignored_movie_ids`. An empty "
            "list, a rating out of range, a repeated or unknown movie_id answer 400."
        ),
        responses=responses(
            ColdStartRecommendations,
            {
                "items": [
                    {
                        "movie_id": 585,
                        "title": "Monsters, Inc.",
                        "score": 0.41,
                        "reason": "Because you rated Toy Story (5.0) and Finding Nemo (4.5)",
                    }
                ],
                "ignored_movie_ids": [],
            },
            summary='POST /recommendations?limit=1 [{"movie_id": 862, "rating": 5}, ...]',
            invalid="Unknown movie_id (no film in the catalogue): 99999999.",
        ),
    )
    def cold_start(
        self,
        state: State,
        data: Annotated[
            list[RatedFilm],
            Body(
                description="The new user's ratings: `[{movie_id, rating}, ...]`, each film "
                f"once, ratings {RATING_MIN} to {RATING_MAX}.",
                min_items=1,
                max_items=MAX_RATED_FILMS,
            ),
        ],
        limit: Annotated[int, _LIMIT] = 10,
    ) -> ColdStartRecommendations:
        return cold_start(state.warehouse, data, limit)


class RecomendacionController(Controller):
    """The statement's Spanish alias (could live with the others in statement.py)."""

    path = "/"
    tags = ("enunciado (rutas en español)",)

    @get(
        "/recomendacion_usuario/{user_id:int}/{titulo:str}",
        sync_to_thread=MAY_RUN_LONG,
        summary="¿Se le recomienda la película al usuario? (puntuación prevista >= 3.5)",
        responses=responses(
            RecomendacionUsuario,
            {
                "user_id": 15,
                "movie_id": 680,
                "predicted_rating": 4.07,
                "recommend": True,
                "already_rated": 5.0,
                "title": "Pulp Fiction",
                "mensaje": "Se recomienda Pulp Fiction al usuario 15 (puntuación prevista 4.07 "
                "de 5; ya la puntuó con 5)",
                "otras_coincidencias": [],
            },
            summary="GET /recomendacion_usuario/15/pulp fiction",
            not_found=("No film titled matches 'pulp fictoin'.", ["Pulp Fiction"]),
        ),
    )
    def recomendacion_usuario(
        self,
        state: State,
        user_id: Annotated[int, _USER_ID],
        titulo: Annotated[str, name_parameter("Título de la película.", "Pulp Fiction")],
        threshold: Annotated[float, _THRESHOLD] = DEFAULT_THRESHOLD,
    ) -> RecomendacionUsuario:
        _require_user(state.warehouse, user_id)
        film, others = movies.film_by_title(state.warehouse, titulo)
        prediction, title = user_movie_prediction(
            state.warehouse, user_id, film.movie_id, threshold
        )
        verdict = "Se recomienda" if prediction.recommend else "No se recomienda"
        rated = (
            f"; ya la puntuó con {_stars(prediction.already_rated)}"
            if prediction.already_rated is not None
            else ""
        )
        return RecomendacionUsuario(
            user_id=prediction.user_id,
            movie_id=prediction.movie_id,
            predicted_rating=prediction.predicted_rating,
            recommend=prediction.recommend,
            already_rated=prediction.already_rated,
            title=title,
            mensaje=(
                f"{verdict} {title} al usuario {user_id} (puntuación prevista "
                f"{_stars(prediction.predicted_rating)} de 5{rated})"
            ),
            otras_coincidencias=others,
        )


def _stars(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")
