"""Recommendations for users (issue 7): the routes on the fixture build, with oracles computed
from the warehouse tables, and on the full build with real MovieLens users.

The fixture build is the api tests' (`api_build`, with its augmentation rows); when it was
built without the recommendation models, they are run on a copy of it (`dbt run` of
dbt_project/models/recommendations only), so these tests do not depend on which views the
shared fixture selects.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import duckdb
import numpy as np
import pytest
from litestar.testing import TestClient

from api.app import create_app
from api.db import Warehouse
from api.problems import INVALID_ARGUMENT, UNKNOWN_NAME
from tests.api.conftest import _dbt, point_live
from warehouse.document_store import write_document_store

PROBLEM = "application/problem+json"
RECOMMENDATION_MODELS = "path:dbt_project/models/recommendations"


@pytest.fixture(scope="module")
def users_build(api_build: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    with duckdb.connect(str(api_build), read_only=True) as con:
        built = con.execute(
            "select count(*) from duckdb_views() "
            "where schema_name = 'api' and view_name = 'recommendations_for_user'"
        ).fetchone()[0]
    if built:
        return api_build
    directory = tmp_path_factory.mktemp("users-warehouse")
    (directory / "builds").mkdir()
    build = directory / "builds" / api_build.name
    shutil.copyfile(api_build, build)
    _dbt(["run", "--select", RECOMMENDATION_MODELS, "path:dbt_project/models/api"], build)
    write_document_store(build)
    return build


@pytest.fixture(scope="module")
def db(users_build: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    con = duckdb.connect(str(users_build), read_only=True)
    yield con
    con.close()


@pytest.fixture(scope="module")
def client(users_build: Path) -> Iterator[TestClient]:
    live = point_live(users_build.parent.parent, users_build)
    with Warehouse(live) as warehouse, TestClient(create_app(warehouse=warehouse)) as test_client:
        yield test_client


def ok(client, url, **params):
    response = client.get(url, params=params or None)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("application/json")
    return response.json()


def problem(response, status):
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith(PROBLEM)
    body = response.json()
    assert body["status"] == status and {"type", "title", "detail"} <= body.keys()
    assert "Traceback" not in response.text
    return body


def post(client, body, **params):
    return client.post("/recommendations", json=body, params=params or None)


def stored_top(db, user_id):
    return [
        row[0]
        for row in db.execute(
            "select movie_id from main.user_recommendations where user_id = ? order by rank",
            [user_id],
        ).fetchall()
    ]


def rated_by(db, user_id):
    return dict(
        db.execute(
            "select movie_id, cast(rating as double) from main.ratings "
            "where user_id = ? and movie_id is not null",
            [user_id],
        ).fetchall()
    )


def oracle_prediction(db, user_id, movie_id):
    """global mean + user bias + film bias + dot product, clipped: computed in numpy."""
    mean = db.execute("select global_mean from main.user_model_parameters").fetchone()[0]
    user_bias, user_factors = db.execute(
        "select rating_bias, rating_factors from main.user_factors where user_id = ?", [user_id]
    ).fetchone()
    film = db.execute(
        "select rating_bias, rating_factors from main.movie_factors where movie_id = ?",
        [movie_id],
    ).fetchone()
    value = mean + user_bias
    if film is not None:
        value += film[0] + float(np.dot(user_factors, film[1]))
    return float(np.clip(value, 0.5, 5.0))


# -- GET /users/{user_id}/recommendations -------------------------------------------------------


def test_recommendations_are_the_stored_top_list(client, db):
    for user_id in (15, 73):
        body = ok(client, f"/users/{user_id}/recommendations")
        assert body["user_id"] == user_id
        expected = stored_top(db, user_id)[:10]
        assert [item["movie_id"] for item in body["items"]] == expected
        assert expected, "the fixture user has recommendations"
        assert not set(expected) & set(rated_by(db, user_id))
        scores = [item["score"] for item in body["items"]]
        assert scores == sorted(scores, reverse=True)
        for item in body["items"]:
            assert item["title"] and item["reason"].startswith("Because you rated ")


def test_recommendation_reasons_name_rated_films(client, db):
    titles = dict(db.execute("select movie_id, title from main.movies").fetchall())
    rated_titles = {titles[m] for m in rated_by(db, 15)}
    for item in ok(client, "/users/15/recommendations")["items"]:
        named = item["reason"].removeprefix("Because you rated ")
        assert any(title in named for title in rated_titles)


def test_recommendations_limit(client, db):
    assert len(ok(client, "/users/73/recommendations", limit=1)["items"]) == 1
    assert len(ok(client, "/users/73/recommendations", limit=50)["items"]) == len(
        stored_top(db, 73)
    )
    for limit in (0, 51, "ten"):
        body = problem(client.get("/users/73/recommendations", params={"limit": limit}), 400)
        assert body["type"] == INVALID_ARGUMENT


@pytest.mark.parametrize("user_id", [1, 999_999, 2**31 - 1])
def test_unknown_user_is_404(client, user_id):
    body = problem(client.get(f"/users/{user_id}/recommendations"), 404)
    assert body["type"] == UNKNOWN_NAME and "user" in body["detail"]
    body = problem(client.get(f"/users/{user_id}/movies/862"), 404)
    assert "user" in body["detail"]


@pytest.mark.parametrize(
    "url",
    [
        "/users/0/recommendations",
        "/users/-3/movies/862",
        "/users/15/movies/0",
        f"/users/{2**31}/recommendations",
    ],
)
def test_invalid_ids_are_400(client, url):
    assert problem(client.get(url), 400)["type"] == INVALID_ARGUMENT


def test_non_numeric_user_is_no_route(client):
    problem(client.get("/users/abc/recommendations"), 404)


# -- GET /users/{user_id}/movies/{movie_id} -----------------------------------------------------


def test_prediction_of_a_rated_film(client, db):
    body = ok(client, "/users/15/movies/862")  # user 15 rated Toy Story 2.0
    assert body["user_id"] == 15 and body["movie_id"] == 862
    assert body["already_rated"] == 2.0
    assert body["predicted_rating"] == pytest.approx(oracle_prediction(db, 15, 862))
    assert body["recommend"] is (body["predicted_rating"] >= 3.5)


def test_prediction_matches_numpy_for_every_pair(client, db):
    films = [row[0] for row in db.execute("select movie_id from main.movies").fetchall()]
    for user_id in (15, 73):
        for movie_id in films:
            body = ok(client, f"/users/{user_id}/movies/{movie_id}")
            expected = oracle_prediction(db, user_id, movie_id)
            assert body["predicted_rating"] == pytest.approx(expected), (user_id, movie_id)
            assert 0.5 <= body["predicted_rating"] <= 5.0
            assert body["already_rated"] == rated_by(db, user_id).get(movie_id)


def test_prediction_threshold_is_configurable(client):
    predicted = ok(client, "/users/73/movies/862")["predicted_rating"]
    assert ok(client, "/users/73/movies/862", threshold=0.5)["recommend"] is True
    assert ok(client, "/users/73/movies/862", threshold=5)["recommend"] is (predicted >= 5)
    assert ok(client, "/users/73/movies/862", threshold=predicted)["recommend"] is True
    for threshold in (0.4, 5.1, "high"):
        problem(client.get("/users/73/movies/862", params={"threshold": threshold}), 400)


def test_prediction_of_a_film_without_ratings(client, db):
    # Le Samouraï (5511) is in the catalogue but nobody rated it: global mean + user bias.
    body = ok(client, "/users/15/movies/5511")
    assert body["already_rated"] is None
    assert body["predicted_rating"] == pytest.approx(oracle_prediction(db, 15, 5511))


def test_unknown_film_is_404(client):
    body = problem(client.get("/users/15/movies/99999999"), 404)
    assert body["type"] == UNKNOWN_NAME and "film" in body["detail"]


# -- the Spanish alias ----------------------------------------------------------------------


def test_recomendacion_usuario(client, db):
    body = ok(client, "/recomendacion_usuario/15/  TOY story ")
    assert (body["movie_id"], body["title"], body["already_rated"]) == (862, "Toy Story", 2.0)
    assert body["predicted_rating"] == pytest.approx(oracle_prediction(db, 15, 862))
    verdict = "Se recomienda" if body["recommend"] else "No se recomienda"
    assert body["mensaje"].startswith(f"{verdict} Toy Story al usuario 15")
    assert "ya la puntuó con 2" in body["mensaje"]
    same = ok(client, "/users/15/movies/862")
    assert {k: body[k] for k in same} == same


def test_recomendacion_usuario_most_popular_title_and_others(client):
    body = ok(client, "/recomendacion_usuario/73/heat")
    assert body["movie_id"] == 949
    assert [o["movie_id"] for o in body["otras_coincidencias"]] == [900003]
    assert body["already_rated"] == 4.5


def test_recomendacion_usuario_errors(client):
    body = problem(client.get("/recomendacion_usuario/15/toy stori"), 404)
    assert "Toy Story" in body["suggestions"]
    problem(client.get("/recomendacion_usuario/1/toy story"), 404)
    problem(client.get("/recomendacion_usuario/15/%20"), 400)


# -- POST /recommendations (cold start) -------------------------------------------------------


def test_cold_start(client, db):
    rated = [{"movie_id": 862, "rating": 5}, {"movie_id": 12, "rating": 4.5}]
    response = post(client, rated)
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["ignored_movie_ids"] == []
    ids = [item["movie_id"] for item in body["items"]]
    assert ids and not {862, 12} & set(ids) and len(set(ids)) == len(ids)
    in_model = {
        row[0]
        for row in db.execute(
            "select movie_id from main.movie_factors where movie_id is not null"
        ).fetchall()
    }
    assert set(ids) <= in_model
    for item in body["items"]:
        assert item["title"]
        assert item["reason"].startswith("Because you rated ")
        assert "Toy Story (5.0)" in item["reason"] or "Finding Nemo (4.5)" in item["reason"]
    assert post(client, rated).json() == body  # deterministic
    assert len(post(client, rated, limit=1).json()["items"]) == 1


def test_cold_start_with_a_training_users_films_gives_their_list(client, db):
    """Folding in exactly what a user rated is the build's user step: same recommendations.
    (User 15 also rated films without a TMDB match, so the comparison uses a user whose
    every rating is of a film in `movies`, if the fixture has one; else the list is only
    checked to exclude the rated films.)"""
    for user_id in (15, 73):
        unmatched = db.execute(
            "select count(*) from main.ratings where user_id = ? and movie_id is null", [user_id]
        ).fetchone()[0]
        rated = [{"movie_id": m, "rating": r} for m, r in rated_by(db, user_id).items()]
        body = post(client, rated, limit=50).json()
        ids = [item["movie_id"] for item in body["items"]]
        assert not set(ids) & set(rated_by(db, user_id))
        if unmatched == 0:
            assert ids == stored_top(db, user_id)


def test_cold_start_ignores_films_nobody_rated(client):
    body = post(client, [{"movie_id": 862, "rating": 4}, {"movie_id": 5511, "rating": 5}]).json()
    assert body["ignored_movie_ids"] == [5511]
    assert body["items"]
    # only such films: the most rated films, said so
    body = post(client, [{"movie_id": 5511, "rating": 5}]).json()
    assert body["ignored_movie_ids"] == [5511]
    assert body["items"] and all("most rated" in item["reason"] for item in body["items"])
    assert 5511 not in [item["movie_id"] for item in body["items"]]


@pytest.mark.parametrize(
    ("body", "words"),
    [
        ([], "length >= 1"),
        ([{"movie_id": 862, "rating": 0}], ">= 0.5"),
        ([{"movie_id": 862, "rating": 5.5}, {"movie_id": 12, "rating": -1}], "<= 5.0"),
        ([{"movie_id": 862, "rating": 3.7}], "multiple of 0.5"),
        ([{"movie_id": -5, "rating": 4}, {"movie_id": 2**40, "rating": 4}], ">= 1"),
        ([{"movie_id": 2**40, "rating": 4}], "<= 2147483647"),
        ([{"movie_id": 862}], None),
        ([{"movie_id": 862, "rating": "good"}], None),
        ({"movie_id": 862, "rating": 4}, None),
        ("not json", None),
    ],
)
def test_cold_start_invalid_bodies_are_400(client, body, words):
    response = (
        client.post("/recommendations", content=body, headers={"content-type": "application/json"})
        if isinstance(body, str)
        else post(client, body)
    )
    problem_body = problem(response, 400)
    assert problem_body["type"] == INVALID_ARGUMENT
    if words is not None:
        assert words in problem_body["detail"] + str(problem_body.get("errors"))


def test_cold_start_repeated_film_is_409(client):
    body = [{"movie_id": 862, "rating": 4}, {"movie_id": 862, "rating": 3}]
    answer = problem(post(client, body), 409)
    assert "more than once: 862" in answer["detail"]


def test_cold_start_unknown_film_is_404(client):
    body = [{"movie_id": 99999999, "rating": 4}, {"movie_id": 862, "rating": 4}]
    assert "99999999" in problem(post(client, body), 404)["detail"]


def test_cold_start_limit_is_validated(client):
    for limit in (0, 51):
        problem(post(client, [{"movie_id": 862, "rating": 4}], limit=limit), 400)


def test_cold_start_too_many_films(client):
    body = [{"movie_id": i, "rating": 3} for i in range(1, 1002)]
    assert "length <= 1000" in str(problem(post(client, body), 400)["errors"])


# -- full data ------------------------------------------------------------------------------


@pytest.mark.full_data
def test_full_recommendations_of_real_users(full_client, full_db):
    for user_id in (1, 15, 671):
        body = ok(full_client, f"/users/{user_id}/recommendations", limit=50)
        ids = [item["movie_id"] for item in body["items"]]
        assert len(ids) == 50 and len(set(ids)) == 50
        assert not set(ids) & set(rated_by(full_db, user_id))
        assert all(item["reason"].startswith("Because you rated") for item in body["items"])
    problem(full_client.get("/users/672/recommendations"), 404)


@pytest.mark.full_data
def test_full_prediction_and_alias(full_client, full_db):
    body = ok(full_client, "/users/15/movies/680")  # Pulp Fiction
    assert body["predicted_rating"] == pytest.approx(oracle_prediction(full_db, 15, 680))
    assert body["already_rated"] == rated_by(full_db, 15)[680]
    alias = ok(full_client, "/recomendacion_usuario/15/pulp fiction")
    assert alias["movie_id"] == 680 and alias["predicted_rating"] == body["predicted_rating"]


@pytest.mark.full_data
def test_full_cold_start_reproduces_a_users_list(full_client, full_db):
    """A MovieLens user whose ratings are all of films in `movies`, posted as a new user, gets
    exactly their precomputed top 50: the API's fold-in is the build's user step."""
    user_id = full_db.execute(
        """
        select user_id from main.ratings group by user_id
        having count(*) = count(movie_id) and count(*) between 20 and 200
        order by user_id limit 1
        """
    ).fetchone()[0]
    rated = [{"movie_id": m, "rating": r} for m, r in rated_by(full_db, user_id).items()]
    body = post(full_client, rated, limit=50).json()
    assert body["ignored_movie_ids"] == []
    stored = full_db.execute(
        "select movie_id, score, reason from main.user_recommendations "
        "where user_id = ? order by rank",
        [user_id],
    ).fetchall()
    assert [item["movie_id"] for item in body["items"]] == [row[0] for row in stored]
    assert [item["score"] for item in body["items"]] == pytest.approx([row[1] for row in stored])
    assert [item["reason"] for item in body["items"]] == [row[2] for row in stored]
