"""`recommender.serving`: the stored form of the served model and the one recommendation path
the build and the API share. Synthetic data first; the full build's tables last (skipped
without the shared data)."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest

from recommender.models import BiasedMF, ImplicitALS, WatchAndLike
from recommender.serving import (
    FILM_COLUMNS,
    SETTINGS_COLUMNS,
    ServedModel,
    ServingSettings,
    Training,
    fitted_model_table,
    parameter_columns,
    recommend,
    recommend_new_user,
    recommendations_table,
    user_step,
)
from recommender.text import MOST_RATED_REASON


@pytest.fixture(scope="module")
def ratings() -> pd.DataFrame:
    """40 users over 30 MovieLens films: films 1-25 served as TMDB films 1001-1025, two
    MovieLens ids (26, 27) linked to the same TMDB film 1026 (27, rated by all of users
    1-20, is the one served), 28-30 not linked. Users 21-40 rate films 1-25 only.
    Deterministic."""
    rng = np.random.default_rng(3)
    rows = []
    for user in range(1, 41):
        catalogue = np.r_[1:27, 28:31] if user <= 20 else np.arange(1, 26)
        for item in rng.choice(catalogue, size=10, replace=False):
            rows.append((user, int(item), float(rng.integers(1, 11) / 2)))
        if user <= 20:
            rows.append((user, 27, 4.0))
    frame = pd.DataFrame(rows, columns=["user_id", "movielens_id", "rating"])
    link = {m: 1000 + m for m in range(1, 26)} | {26: 1026, 27: 1026}
    frame["movie_id"] = frame["movielens_id"].map(link)
    frame["rated_at"] = pd.Timestamp("2020-01-01") + pd.to_timedelta(frame.index, unit="s")
    return frame


@pytest.fixture(scope="module")
def tables(ratings):
    """The build's chain on the synthetic ratings: the fitted table, its SQL slices (as
    frames), and the recommendations of every user."""
    small = WatchAndLike(ImplicitALS(factors=4, regularization=1.0), BiasedMF(factors=4))
    fitted = fitted_model_table(ratings, model=small).to_pandas()
    model_row = fitted[fitted["part"] == "model"].iloc[0]
    parameters = pd.DataFrame([model_row["settings"]])
    films = fitted[fitted["part"] == "film"].rename(columns={"id": "movielens_id"})
    users = fitted[fitted["part"] == "user"].rename(columns={"id": "user_id"})
    titles = pd.DataFrame({"movie_id": range(1001, 1027), "title": [f"T{i}" for i in range(26)]})
    table = recommendations_table(
        parameters, films, titles, users, ratings[["user_id", "movielens_id", "rating"]], k=5
    )
    return parameters, films, titles, table


def test_settings_are_the_dataclass_fields():
    settings = replace(ServingSettings.of(WatchAndLike()), global_mean=3.5)  # as if fitted
    assert tuple(vars(settings)) == SETTINGS_COLUMNS
    assert ServingSettings.from_mapping({**vars(settings), "other": 1}) == settings


def test_parameter_columns_keep_each_count_before_its_settings():
    settings = ServingSettings.of(WatchAndLike())
    names = [name for name, _, _ in parameter_columns(settings, _training())]
    assert set(names) == set(SETTINGS_COLUMNS) | set(vars(_training()))
    assert [n for n in names if n in SETTINGS_COLUMNS] == list(SETTINGS_COLUMNS)
    for part in ("rating", "implicit"):
        first = min(i for i, n in enumerate(names) if n.startswith(f"{part}_reg"))
        assert names[first - 1] == f"{part}_factor_count"
    assert names[-1] == "fit_seconds"


def test_fitted_model_table(ratings, tables):
    parameters, films, _, _ = tables
    assert parameters["trained_ratings"].iloc[0] == len(ratings)
    assert len(films) == ratings["movielens_id"].nunique()
    served = dict(zip(films["movielens_id"], films["movie_id"], strict=True))
    assert served[27] == 1026 and pd.isna(served[26]) and pd.isna(served[30])
    empty = fitted_model_table(ratings.iloc[:0])
    assert empty.num_rows == 1 and empty.column("settings")[0]["global_mean"].as_py() is None
    assert empty.schema.field("settings").type == pa.struct(
        [(n, t) for n, _, t in parameter_columns(ServingSettings.of(WatchAndLike()), _training())]
    )


def test_the_api_path_gives_the_build_lists(ratings, tables):
    """A MovieLens user's ratings sent as a new user (by TMDB id) get the list the build
    stored, when every film they rated is served as its own TMDB film."""
    parameters, films, titles, table = tables
    title_of = dict(zip(titles["movie_id"], titles["title"], strict=True))
    rows = [
        (m, None if pd.isna(t) else int(t), None if pd.isna(t) else title_of[int(t)], *rest)
        for m, t, *rest in films[["movielens_id", "movie_id", *FILM_COLUMNS[3:]]].itertuples(
            index=False
        )
    ]
    model = ServedModel.from_rows(tuple(parameters.iloc[0][list(SETTINGS_COLUMNS)]), rows[::-1])
    checked = 0
    for user_id, own in ratings.groupby("user_id"):
        if not own["movielens_id"].le(25).all():
            continue
        new = recommend_new_user(model, (own["movie_id"]).astype(int).tolist(), own["rating"], 5)
        stored = table[table["user_id"] == user_id]
        assert [s.movie_id for s in new.items] == stored["movie_id"].tolist()
        assert [s.reason for s in new.items] == stored["reason"].tolist()
        assert [s.score for s in new.items] == pytest.approx(stored["score"].tolist(), rel=1e-9)
        assert new.ignored_movie_ids == []
        checked += 1
    assert checked >= 3


def test_new_user_without_known_films_gets_the_most_rated(tables):
    parameters, films, _, _ = tables
    model = ServedModel.from_columns(
        ServingSettings.from_mapping(parameters.iloc[0]), films.assign(title=None)
    )
    new = recommend_new_user(model, [5, 4], [4.0, 3.0], 3)
    assert new.ignored_movie_ids == [4, 5]
    assert [s.reason for s in new.items] == [MOST_RATED_REASON] * 3
    scores = [s.score for s in new.items]
    assert scores == sorted(scores, reverse=True)
    assert scores[0] == films.loc[films["movie_id"].notna(), "ratings"].max()


def test_from_rows_without_a_model():
    assert ServedModel.from_rows(None, []) is None
    assert ServedModel.from_rows((None,) * len(SETTINGS_COLUMNS), [(1,) * 7]) is None


def _training() -> Training:
    return Training(
        rating_factor_count=16,
        implicit_factor_count=64,
        trained_ratings=1,
        trained_users=1,
        trained_films=1,
        fit_seconds=0.0,
    )


@pytest.mark.full_data
def test_build_relations_carry_the_dataclass_columns(full_db):
    """`user_model_parameters` and `api.user_model_settings` take their columns from the
    stored struct, so they are the dataclasses' fields."""

    def columns(relation):
        return [row[0] for row in full_db.execute(f"describe {relation}").fetchall()]

    expected = [n for n, _, _ in parameter_columns(ServingSettings.of(WatchAndLike()), _training())]
    assert columns("main.user_model_parameters") == expected
    assert columns("api.user_model_settings") == list(SETTINGS_COLUMNS)


@pytest.mark.full_data
def test_build_api_relations_serve_the_stored_lists(full_db):
    """The API's reading of the model (api.user_model_films / user_model_settings through
    `ServedModel.from_rows`) recommends to user 1, refolded from their ratings, exactly the
    films the build stored."""
    settings = full_db.execute(
        f"select {', '.join(SETTINGS_COLUMNS)} from api.user_model_settings"
    ).fetchone()
    rows = full_db.execute(f"select {', '.join(FILM_COLUMNS)} from api.user_model_films").fetchall()
    model = ServedModel.from_rows(settings, rows)
    assert model is not None
    rated = full_db.execute(
        "select movielens_id, cast(rating as double) from main.ratings where user_id = 1 "
        "order by movielens_id"
    ).fetchall()
    row_of = {int(m): i for i, m in enumerate(model.movielens_ids.tolist())}
    user = user_step(
        model.settings,
        model.films,
        np.array([row_of[m] for m, _ in rated]),
        np.array([r for _, r in rated]),
    )
    stored = full_db.execute(
        "select movie_id, score, reason from main.user_recommendations where user_id = 1 "
        "order by rank"
    ).fetchall()
    found = recommend(model, user, 50)
    assert [(s.movie_id, s.reason) for s in found] == [(m, r) for m, _, r in stored]
    assert [s.score for s in found] == pytest.approx([s for _, s, _ in stored], rel=1e-9)
