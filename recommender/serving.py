"""Serving the watch-and-like model from what the build stored, for the build and the API alike.

The build trains `WatchAndLike` once (`fitted_model_table`, the dbt model
`ml_user_model_fitted`) and stores the films' side (biases and factors) and the
`ServingSettings`. A user's side is then one exact ALS user step from their ratings
(`user_step`), so a MovieLens user's stored factors and a new user's fold-in come from the same
function, and the API never trains. Every served list goes through `recommend`: the build for
every MovieLens user (`recommendations_table`, the dbt model `user_recommendations`), the API
for a new user (`recommend_new_user`, POST /recommendations). One path means the stored lists
and the live ones cannot drift apart.

`ServingSettings` (recommender/serving_settings.py, re-exported here) is the one definition of
the settings a user step needs: the stored struct, the columns of `user_model_parameters` and
`api.user_model_settings` (which unpack that struct) and the API's query (`SETTINGS_COLUMNS`)
all derive from its fields.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict, dataclass, field, fields
from functools import cached_property
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
from threadpoolctl import threadpool_limits

from recommender.datasets import Ratings
from recommender.models.base import top_k
from recommender.models.ials import Confidence, ImplicitALS, implicit_explain, implicit_fold_in
from recommender.models.mf import BiasedMF, biased_fold_in
from recommender.models.watch_and_like import WatchAndLike, combine_watch_like
from recommender.serving_settings import FILM_COLUMNS, SETTINGS_COLUMNS, TOP_K, ServingSettings
from recommender.text import MOST_RATED_REASON, reason_text

#: Rated films named in a reason.
REASONS = 3

Log = Callable[[str], None]


# -- what is stored ----------------------------------------------------------------------------


_INT32 = {"arrow": pa.int32()}
_INT64 = {"arrow": pa.int64()}


@dataclass(frozen=True)
class Training:
    """How the served model was trained, stored beside its settings (`user_model_parameters`).
    Field metadata gives the stored type where it is not a double."""

    rating_factor_count: int = field(metadata=_INT32)
    implicit_factor_count: int = field(metadata=_INT32)
    trained_ratings: int = field(metadata=_INT64)
    trained_users: int = field(metadata=_INT64)
    trained_films: int = field(metadata=_INT64)
    fit_seconds: float


def parameter_columns(
    settings: ServingSettings, training: Training
) -> list[tuple[str, Any, pa.DataType]]:
    """(name, value, type) of every column of `user_model_parameters`, in the order the table
    has always had: the global mean, each part's factor count before its own settings
    (`rating_*`, `implicit_*`), the like factor's settings, then the training figures."""
    pending = {
        f.name: (getattr(training, f.name), f.metadata.get("arrow", pa.float64()))
        for f in fields(Training)
    }
    columns = []
    for name, value in asdict(settings).items():
        count = name.split("_", 1)[0] + "_factor_count"
        if count in pending:
            columns.append((count, *pending.pop(count)))
        columns.append((name, value, pa.float64()))
    columns.extend((name, value, kind) for name, (value, kind) in pending.items())
    return columns


#: Hyper-parameters of the served model a build may replace (`python -m warehouse build
#: --model-param NAME=VALUE`): the part (`implicit` / `explicit`) and field, or the like
#: factor's `threshold` / `steepness`. The tuned values are the dataclasses' defaults.
_KINDS = {"int": int, "float": float, int: int, float: float}
MODEL_PARAMETERS: dict[str, type] = {
    **{f"implicit.{f.name}": _KINDS[f.type] for f in fields(ImplicitALS) if f.name != "seed"},
    **{f"explicit.{f.name}": _KINDS[f.type] for f in fields(BiasedMF) if f.name != "seed"},
    "threshold": float,
    "steepness": float,
}


def served_model(parameters: Mapping[str, Any] | None = None) -> WatchAndLike:
    """The served model with its tuned hyper-parameters, those named in `parameters` replaced
    (keys of `MODEL_PARAMETERS`). The build trains and evaluates exactly this model, so a
    replaced parameter changes both what is served and what the model gate measures: how a
    deliberately worse model is built to show the gate refusing it, and how a tuning trial is
    run. ValueError names an unknown key."""
    parameters = dict(parameters or {})
    unknown = sorted(set(parameters) - set(MODEL_PARAMETERS))
    if unknown:
        raise ValueError(
            f"unknown model parameter(s) {', '.join(unknown)}; known: {', '.join(MODEL_PARAMETERS)}"
        )
    parts: dict[str, dict[str, Any]] = {"implicit": {}, "explicit": {}, "": {}}
    for key, value in parameters.items():
        part, _, name = key.rpartition(".")
        parts[part][name] = MODEL_PARAMETERS[key](value)
    return WatchAndLike(
        implicit=ImplicitALS(**parts["implicit"]),
        explicit=BiasedMF(**parts["explicit"]),
        **parts[""],
    )


def fitted_model_table(
    ratings: pd.DataFrame, model: WatchAndLike | None = None, log: Log | None = None
) -> pa.Table:
    """Train the served model on every rating (columns user_id, movielens_id, movie_id, rating,
    rated_at) and return it whole as one long table, so training runs once per build: one
    `model` row (`settings`: the struct `user_model_parameters` unpacks), one `user` row per
    user, one `film` row per rated film, each with its bias and factor lists.

    A TMDB film is served through one MovieLens id: the one with the most ratings (then the
    lowest id) when several link to it; the others keep a NULL movie_id. `model`: the
    hyper-parameters to train with (default: the served model's tuned ones)."""
    data = Ratings.from_frame(ratings, item="movielens_id", timestamp="rated_at")
    links = (
        ratings.dropna(subset=["movie_id"])
        .groupby(["movielens_id", "movie_id"], as_index=False)
        .size()
        .sort_values(["movie_id", "size", "movielens_id"], ascending=[True, False, True])
        .drop_duplicates("movie_id")
    )
    movie_of = dict(zip(links["movielens_id"].tolist(), links["movie_id"].tolist(), strict=True))

    model = WatchAndLike() if model is None else model
    started = time.perf_counter()
    if len(data):
        model.fit(data)
    fit_seconds = time.perf_counter() - started
    explicit, implicit = model.explicit, model.implicit
    parameters = parameter_columns(
        ServingSettings.of(model),
        Training(
            rating_factor_count=explicit.factors,
            implicit_factor_count=implicit.factors,
            trained_ratings=len(data),
            trained_users=data.n_users,
            trained_films=data.n_items,
            fit_seconds=fit_seconds,
        ),
    )
    schema = pa.schema(
        [
            ("part", pa.string()),
            ("id", pa.int64()),
            ("movie_id", pa.int32()),
            ("ratings", pa.int64()),
            ("rating_bias", pa.float64()),
            ("rating_factors", pa.list_(pa.float64())),
            ("implicit_factors", pa.list_(pa.float64())),
            ("settings", pa.struct([(name, kind) for name, _, kind in parameters])),
        ]
    )
    rows = [
        {"part": "model", "id": 0, "ratings": len(data),
         "settings": {name: value for name, value, _ in parameters}}
    ]  # fmt: skip
    if len(data):
        rows += _part_rows(
            "user",
            data.users,
            data.user_index,
            explicit.user_bias_,
            explicit.user_factors_,
            implicit.user_factors_,
        )
        rows += _part_rows(
            "film",
            data.items,
            data.item_index,
            explicit.item_bias_,
            explicit.item_factors_,
            implicit.item_factors_,
            movie_ids=[movie_of.get(m) for m in data.items.tolist()],
        )
    if log is not None:
        log(
            f"{len(data):,} ratings, {data.n_users:,} users, {data.n_items:,} films; "
            f"trained in {fit_seconds:.1f}s"
        )
    return pa.Table.from_pylist(rows, schema=schema)  # a column a row lacks is NULL


def _part_rows(part, ids, index, bias, rating_factors, implicit_factors, movie_ids=None):
    """The `user` or `film` rows of `fitted_model_table`, one per id."""
    counts = np.bincount(index, minlength=len(ids)).tolist()
    movie_ids = [None] * len(ids) if movie_ids is None else movie_ids
    return [
        {"part": part, "id": id_, "movie_id": movie_id, "ratings": count, "rating_bias": b,
         "rating_factors": rf, "implicit_factors": imf}
        for id_, movie_id, count, b, rf, imf in zip(
            ids.tolist(), movie_ids, counts, bias.tolist(), rating_factors.tolist(),
            implicit_factors.tolist(), strict=True,
        )
    ]  # fmt: skip


# -- the model as served -------------------------------------------------------------------------


@dataclass(frozen=True)
class FilmSide:
    """The films' side of the watch-and-like model, one row per film of the training data."""

    rating_bias: np.ndarray  # (films,)
    rating_factors: np.ndarray  # (films, rating factors)
    implicit_factors: np.ndarray  # (films, implicit factors)

    @classmethod
    def of(cls, model: WatchAndLike) -> FilmSide:
        return cls(
            rating_bias=model.explicit.item_bias_,
            rating_factors=model.explicit.item_factors_,
            implicit_factors=model.implicit.item_factors_,
        )

    @cached_property
    def implicit_gram(self) -> np.ndarray:
        return self.implicit_factors.T @ self.implicit_factors

    def __len__(self) -> int:
        return len(self.rating_bias)


@dataclass(frozen=True)
class ServedModel:
    """The trained model as the build stored it, rows in MovieLens id order: the settings, the
    films' side and, per film row, the TMDB film it is served as (-1: none, so it is never
    recommended but still shapes every user's factors), its title (None: never named in a
    reason) and its training ratings (the fallback ranking)."""

    settings: ServingSettings
    films: FilmSide
    movielens_ids: np.ndarray
    movie_ids: np.ndarray
    titles: list[str | None]
    ratings: np.ndarray

    @classmethod
    def from_columns(cls, settings: ServingSettings, columns: Mapping[str, Any]) -> ServedModel:
        """From the stored films, as a DataFrame or a mapping of `FILM_COLUMNS` to sequences
        (SQL NULLs as None or NaN). Sorts by MovieLens id, so the film rows, and with them
        every sum over films, are the same whoever reads the model."""
        movielens_ids = np.asarray(columns["movielens_id"], dtype=np.int64)
        order = np.argsort(movielens_ids, kind="stable")

        def floats(name: str) -> np.ndarray:
            return np.stack(list(columns[name])).astype(float)[order]

        movie_ids = np.array(
            [-1 if pd.isna(m) else int(m) for m in columns["movie_id"]], dtype=np.int64
        )
        titles = [None if pd.isna(t) else t for t in columns["title"]]
        model = cls(
            settings=settings,
            films=FilmSide(
                rating_bias=np.asarray(columns["rating_bias"], dtype=float)[order],
                rating_factors=floats("rating_factors"),
                implicit_factors=floats("implicit_factors"),
            ),
            movielens_ids=movielens_ids[order],
            movie_ids=movie_ids[order],
            titles=[titles[i] for i in order],
            ratings=np.asarray(columns["ratings"], dtype=float)[order],
        )
        model.films.implicit_gram  # noqa: B018 - computed once here, not per user
        return model

    @classmethod
    def from_rows(
        cls, settings_row: Sequence[Any] | None, film_rows: Sequence[Sequence[Any]]
    ) -> ServedModel | None:
        """From query rows: `settings_row` holds `SETTINGS_COLUMNS`, each film row
        `FILM_COLUMNS`. None when the build has no model (no ratings)."""
        if settings_row is None or not film_rows:
            return None
        settings = dict(zip(SETTINGS_COLUMNS, settings_row, strict=True))
        if settings["global_mean"] is None:
            return None
        columns = dict(zip(FILM_COLUMNS, zip(*film_rows, strict=True), strict=True))
        return cls.from_columns(ServingSettings.from_mapping(settings), columns)

    @cached_property
    def candidates(self) -> np.ndarray:
        """Films that may be recommended: the ones served as a film of `movies`."""
        return self.movie_ids >= 0

    @cached_property
    def nameable(self) -> np.ndarray:
        return np.array([title is not None for title in self.titles], dtype=bool)

    @cached_property
    def row_of_movie(self) -> dict[int, int]:
        """Film row of each TMDB id the model serves."""
        return {int(m): row for row, m in enumerate(self.movie_ids.tolist()) if m >= 0}


# -- a user's side and their recommendations -------------------------------------------------


@dataclass(frozen=True)
class UserSide:
    """A user's side, from their ratings of films (indices into a FilmSide)."""

    rated: np.ndarray
    ratings: np.ndarray
    confidence: np.ndarray  # confidence minus one of each rated film
    rating_bias: float
    rating_factors: np.ndarray
    implicit_factors: np.ndarray
    implicit_inverse: np.ndarray  # W of implicit_fold_in

    def predicted_ratings(self, settings: ServingSettings, films: FilmSide) -> np.ndarray:
        return (
            settings.global_mean
            + self.rating_bias
            + films.rating_bias
            + films.rating_factors @ self.rating_factors
        )

    def implicit_scores(self, films: FilmSide) -> np.ndarray:
        return films.implicit_factors @ self.implicit_factors

    def scores(self, settings: ServingSettings, films: FilmSide) -> np.ndarray:
        return combine_watch_like(
            self.implicit_scores(films),
            self.predicted_ratings(settings, films),
            settings.like_threshold,
            settings.like_steepness,
        )

    def explain(self, films: FilmSide, targets: np.ndarray) -> np.ndarray:
        """(targets, rated) contributions of each rated film to each target's implicit score."""
        return implicit_explain(
            films.implicit_factors, self.implicit_inverse, self.rated, self.confidence, targets
        )


def user_step(
    settings: ServingSettings, films: FilmSide, rated: np.ndarray, ratings: np.ndarray
) -> UserSide:
    """The user's side from their ratings of `rated` films: the same ALS user step as the
    last one of training, for both parts of the model."""
    rated = np.asarray(rated, dtype=np.int64)
    ratings = np.asarray(ratings, dtype=float)
    confidence = Confidence(settings.implicit_alpha, settings.implicit_power).of(ratings)
    implicit, inverse = implicit_fold_in(
        films.implicit_factors,
        rated,
        confidence,
        settings.implicit_regularization,
        settings.implicit_reg_per_rating,
        films.implicit_gram,
    )
    d = films.rating_factors.shape[1]
    bias, factors = biased_fold_in(
        settings.global_mean,
        films.rating_bias[rated],
        films.rating_factors[rated],
        ratings,
        np.r_[settings.rating_reg_bias, np.full(d, settings.rating_reg_factors)],
        np.r_[0.0, np.full(d, settings.rating_reg_factors_per_rating)],
    )
    return UserSide(
        rated=rated,
        ratings=ratings,
        confidence=confidence,
        rating_bias=bias,
        rating_factors=factors,
        implicit_factors=implicit,
        implicit_inverse=inverse,
    )


@dataclass(frozen=True)
class Recommendation:
    film: int  # index into the FilmSide
    score: float
    because: list[int]  # indices into the FilmSide of the rated films that led to it


def recommend_films(
    settings: ServingSettings,
    films: FilmSide,
    user: UserSide,
    candidates: np.ndarray,
    k: int,
    nameable: np.ndarray | None = None,
    reasons: int = REASONS,
) -> list[Recommendation]:
    """The user's top-k films among `candidates` (a boolean mask over films; rated films are
    never recommended), each with up to `reasons` rated films that led to it: among the rated
    films with a positive contribution to its implicit score (and `nameable`), the ones the
    user liked (rating >= the like threshold) first, each group by contribution."""
    scores = user.scores(settings, films)
    allowed = np.asarray(candidates, dtype=bool).copy()
    allowed[user.rated] = False
    scores = np.where(allowed, scores, -np.inf)
    top = top_k(scores[None, :], min(k, int(allowed.sum())))[0]
    if len(top) == 0:
        return []
    contributions = user.explain(films, top)
    if nameable is not None:
        contributions = np.where(nameable[user.rated][None, :], contributions, -np.inf)
    disliked = user.ratings < settings.like_threshold
    out = []
    for row, film in enumerate(top):
        positive = contributions[row] > 0
        order = np.lexsort((user.rated, -contributions[row], disliked))
        because = [int(user.rated[i]) for i in order if positive[i]][:reasons]
        out.append(Recommendation(film=int(film), score=float(scores[film]), because=because))
    return out


@dataclass(frozen=True)
class Suggestion:
    """One served recommendation, as the build stores it and the API answers it."""

    movie_id: int
    title: str | None
    score: float
    reason: str


def recommend(
    model: ServedModel, user: UserSide, k: int, reasons: int = REASONS
) -> list[Suggestion]:
    """The user's top-k films of the catalogue with the reason text naming the rated films
    (and the user's ratings of them) that led to each."""
    rating_of = dict(zip(user.rated.tolist(), user.ratings.tolist(), strict=True))
    return [
        Suggestion(
            movie_id=int(model.movie_ids[rec.film]),
            title=model.titles[rec.film],
            score=rec.score,
            reason=reason_text([(model.titles[i], rating_of[i]) for i in rec.because]),
        )
        for rec in recommend_films(
            model.settings, model.films, user, model.candidates, k, model.nameable, reasons
        )
    ]


def most_rated(model: ServedModel, k: int) -> list[Suggestion]:
    """The k most rated films of the catalogue (ties by MovieLens id): the list for a user
    the model cannot place, scored by their training ratings."""
    counts = np.where(model.candidates, model.ratings, -np.inf)
    order = np.lexsort((np.arange(len(counts)), -counts))[:k]
    return [
        Suggestion(
            movie_id=int(model.movie_ids[i]),
            title=model.titles[i],
            score=float(model.ratings[i]),
            reason=MOST_RATED_REASON,
        )
        for i in order
        if np.isfinite(counts[i])
    ]


@dataclass(frozen=True)
class NewUserRecommendations:
    items: list[Suggestion]
    ignored_movie_ids: list[int]  # rated films the model has no ratings of, ascending


def recommend_new_user(
    model: ServedModel, movie_ids: Sequence[int], ratings: Sequence[float], k: int
) -> NewUserRecommendations:
    """Recommendations for a new user from their ratings of TMDB films, without training: one
    user step over the rated films the model knows (the others are returned as ignored), or
    the most rated films when it knows none of them."""
    usable = [(m, r) for m, r in zip(movie_ids, ratings, strict=True) if m in model.row_of_movie]
    ignored = sorted(m for m in movie_ids if m not in model.row_of_movie)
    if not usable:
        return NewUserRecommendations(most_rated(model, k), ignored)
    rows = np.array([model.row_of_movie[m] for m, _ in usable], dtype=np.int64)
    given = np.array([r for _, r in usable], dtype=float)
    user = user_step(model.settings, model.films, rows, given)
    return NewUserRecommendations(recommend(model, user, k), ignored)


# -- every MovieLens user, in the build ------------------------------------------------------


def recommendations_table(
    parameters: pd.DataFrame,
    films: pd.DataFrame,
    titles: pd.DataFrame,
    users: pd.DataFrame,
    ratings: pd.DataFrame,
    k: int = TOP_K,
    log: Log | None = None,
) -> pd.DataFrame:
    """The top-k films of every user of `users` (`user_factors`) with reasons: (user_id, rank,
    movie_id, score, reason). `parameters` is `user_model_parameters`, `films`
    `movie_factors`, `titles` (movie_id, title) of `movies`, `ratings` (user_id,
    movielens_id, rating). Each user's side is recomputed by `user_step`, the API's fold-in,
    and checked against the stored factors, so the API serves a new user exactly as the
    build served these."""
    started = time.perf_counter()
    columns: dict[str, list] = {
        "user_id": [],
        "rank": [],
        "movie_id": [],
        "score": [],
        "reason": [],
    }
    if len(films) and len(users):
        title_of = dict(zip(titles["movie_id"], titles["title"], strict=True))
        model = ServedModel.from_columns(
            ServingSettings.from_mapping(parameters.iloc[0]),
            films.assign(
                title=[None if pd.isna(m) else title_of.get(int(m)) for m in films["movie_id"]]
            ),
        )
        film_row = pd.Series(np.arange(len(model.movielens_ids)), index=model.movielens_ids)
        ratings = ratings.sort_values(["user_id", "movielens_id"], ignore_index=True)
        ratings["film"] = film_row.loc[ratings["movielens_id"].to_numpy()].to_numpy()
        by_user = dict(tuple(ratings.groupby("user_id", sort=True)))
        stored = dict(zip(users["user_id"], users["implicit_factors"], strict=True))

        # Many small products: BLAS threads only add overhead (and the build runs two models
        # at once on a machine with few cores).
        with threadpool_limits(limits=1, user_api="blas"):
            for user_id in sorted(stored):
                own = by_user[user_id]
                user = user_step(
                    model.settings,
                    model.films,
                    own["film"].to_numpy(dtype=np.int64),
                    own["rating"].to_numpy(dtype=float),
                )
                if not np.allclose(user.implicit_factors, stored[user_id], rtol=1e-6, atol=1e-9):
                    raise RuntimeError(f"user {user_id}: the user step does not reproduce training")
                for rank, suggestion in enumerate(recommend(model, user, k), start=1):
                    columns["user_id"].append(user_id)
                    columns["rank"].append(rank)
                    columns["movie_id"].append(suggestion.movie_id)
                    columns["score"].append(suggestion.score)
                    columns["reason"].append(suggestion.reason)
    if log is not None:
        log(f"{len(users):,} users x top {k} in {time.perf_counter() - started:.1f}s")
    return pd.DataFrame(
        {
            "user_id": pd.Series(columns["user_id"], dtype="int32"),
            "rank": pd.Series(columns["rank"], dtype="int32"),
            "movie_id": pd.Series(columns["movie_id"], dtype="int32"),
            "score": pd.Series(columns["score"], dtype="float64"),
            "reason": pd.Series(columns["reason"], dtype="object"),
        }
    )
