"""Similar films and streaming titles (`/movies/{id}/similar`,
`/streaming/titles/{id}/similar`, `/recomendacion/{titulo}`, `/get_recomendation/{titulo}`)
on the fixture build, against the precomputed tables read here directly; a build without
the similarity tables; and the full build."""

from __future__ import annotations

import shutil

import duckdb
import pytest
from litestar.testing import TestClient

from api.app import create_app
from api.db import Warehouse
from api.lookup import name_key
from api.problems import NOT_BUILT, UNKNOWN_NAME
from tests.api.test_routes import ok, problem


@pytest.fixture(scope="module")
def film_neighbours(api_db):
    """movie_id -> its similar_movies rows in rank order, as the route's items."""
    titles = dict(api_db.execute("select movie_id, title from main.movies").fetchall())
    years = dict(api_db.execute("select movie_id, release_year from main.movies").fetchall())
    neighbours: dict[int, list[dict]] = {}
    for movie_id, similar_id, score, genres, keywords, people, same in api_db.execute(
        "select movie_id, similar_movie_id, score, shared_genres, shared_keywords, "
        "shared_people, same_collection from main.similar_movies order by movie_id, rank"
    ).fetchall():
        neighbours.setdefault(movie_id, []).append(
            {
                "movie_id": similar_id,
                "title": titles[similar_id],
                "release_year": years[similar_id],
                "score": score,
                "shared": {"genres": genres, "keywords": keywords, "people": people},
                "same_collection": same,
            }
        )
    return neighbours


@pytest.fixture(scope="module")
def title_neighbours(api_db):
    titles = {
        title_id: (title, platform, title_type, year)
        for title_id, title, platform, title_type, year in api_db.execute(
            "select title_id, title, platform, type, release_year from main.streaming_titles"
        ).fetchall()
    }
    neighbours: dict[str, list[dict]] = {}
    for title_id, similar_id, score, genres, people, countries, same in api_db.execute(
        "select title_id, similar_title_id, score, shared_genres, shared_people, "
        "shared_countries, same_director from main.streaming_similar_titles "
        "order by title_id, rank"
    ).fetchall():
        title, platform, title_type, year = titles[similar_id]
        neighbours.setdefault(title_id, []).append(
            {
                "title_id": similar_id,
                "title": title,
                "platform": platform,
                "type": title_type,
                "release_year": year,
                "score": score,
                "shared": {"genres": genres, "people": people, "countries": countries},
                "same_director": same,
            }
        )
    return neighbours


# -- similar films --------------------------------------------------------------------------


def test_similar_films_default_five(client, film_neighbours):
    body = ok(client, "/movies/862/similar")
    assert (body["movie_id"], body["title"]) == (862, "Toy Story")
    assert body["items"] == film_neighbours[862][:5]
    assert body["items"][0]["movie_id"] == 863  # Toy Story 2
    assert body["items"][0]["same_collection"] is True
    scores = [item["score"] for item in body["items"]]
    assert scores == sorted(scores, reverse=True)


@pytest.mark.parametrize("limit", [1, 3, 20, 21, 100])
def test_similar_films_limit(client, film_neighbours, limit):
    for movie_id, expected in list(film_neighbours.items())[:5]:
        body = ok(client, f"/movies/{movie_id}/similar", limit=limit)
        assert body["items"] == expected[:limit]


def test_film_without_suggestions_has_no_items(client):
    # 900003 (the other "Heat") was added after the similarity model ran.
    assert ok(client, "/movies/900003/similar") == {
        "movie_id": 900003,
        "title": "Heat",
        "items": [],
    }


def test_similar_films_errors(client):
    body = problem(client, "/movies/123456789/similar", 404)
    assert (body["type"], body["suggestions"]) == (UNKNOWN_NAME, [])
    for limit in [0, 101, -1, "x", "1.5", "9" * 30]:
        problem(client, "/movies/862/similar", 400, limit=limit)
    for bad in ["0", "-1", "99999999999999999999999"]:
        problem(client, f"/movies/{bad}/similar", 400)
    problem(client, "/movies/abc/similar", 404)  # not a route: ids are integers


def test_recomendacion(client, film_neighbours):
    body = ok(client, "/recomendacion/TOY story")
    titles = [item["title"] for item in film_neighbours[862][:5]]
    assert body == {
        "titulo": "Toy Story",
        "movie_id": 862,
        "recomendaciones": titles,
        "mensaje": f"Las 5 películas más parecidas a Toy Story son: {', '.join(titles)}",
        "otras_coincidencias": [],
    }
    heat = ok(client, "/recomendacion/heat")
    assert heat["movie_id"] == 949
    assert heat["recomendaciones"] == [item["title"] for item in film_neighbours[949][:5]]
    assert [other["movie_id"] for other in heat["otras_coincidencias"]] == [900003]
    assert ok(client, "/recomendacion/face%2Foff")["mensaje"] == (
        "No hay películas parecidas a Face/Off"
    )


def test_recomendacion_unknown(client):
    body = problem(client, "/recomendacion/toy stori", 404)
    assert body["suggestions"][0] == "Toy Story"
    problem(client, "/recomendacion/%20", 400)


# -- similar streaming titles ---------------------------------------------------------------


def test_similar_titles(client, title_neighbours):
    body = ok(client, "/streaming/titles/AS1/similar", limit=3)
    assert (body["title_id"], body["title"]) == ("as1", "the grand seduction")
    assert body["items"] == title_neighbours["as1"][:3]
    platforms = {item["platform"] for item in ok(client, "/streaming/titles/as1/similar")["items"]}
    assert len(platforms) > 1  # suggestions come from every platform


@pytest.mark.parametrize("limit", [1, 5, 20, 21, 100])
def test_similar_titles_limit(client, title_neighbours, limit):
    for title_id in ["ns1", "hs51", "ds5"]:
        body = ok(client, f"/streaming/titles/{title_id}/similar", limit=limit)
        assert body["items"] == title_neighbours[title_id][:limit]


def test_similar_titles_errors(client):
    # ds1378 was added after the similarity model ran: a title, nothing similar.
    assert ok(client, "/streaming/titles/ds1378/similar")["items"] == []
    assert problem(client, "/streaming/titles/xs1/similar", 404)["suggestions"] == []
    for limit in [0, 101, "five"]:
        problem(client, "/streaming/titles/as1/similar", 400, limit=limit)
    problem(client, "/streaming/titles/%20/similar", 400)


def _recomendacion(neighbours, title):
    """The statement's answer: five titles, the same title on other platforms left out, each
    title once."""
    seen, titles = {name_key(title)}, []
    for item in neighbours:
        if name_key(item["title"]) not in seen and len(titles) < 5:
            seen.add(name_key(item["title"]))
            titles.append(item["title"])
    return titles


def test_get_recomendation_answers_the_best_scored_title(client, title_neighbours):
    # as1 (score 3.33) and ns9002 (2.0) are both "the grand seduction".
    body = ok(client, "/get_recomendation/The Grand Seduction")
    expected = _recomendacion(title_neighbours["as1"], "the grand seduction")
    assert len(expected) == 5
    assert body["title_id"] == "as1" and body["platform"] == "amazon"
    assert body["recomendacion"] == expected
    assert body["mensaje"] == (
        f"Los 5 títulos más parecidos a the grand seduction son: {', '.join(expected)}"
    )
    assert [o["title_id"] for o in body["otras_coincidencias"]] == ["ns9002"]
    assert body["otras_coincidencias"][0]["score"] == 2.0


def test_get_recomendation_ties_and_titles_without_score(client):
    # as17 and hs9003 ("zoombies") share a score: the smaller title_id answers.
    body = ok(client, "/get_recomendation/ZOOMBIES")
    assert body["title_id"] == "as17"
    assert [o["title_id"] for o in body["otras_coincidencias"]] == ["hs9003"]
    # ds1378 has a score, as9001 ("toy  story") none; ds1378 has no suggestions in the fixture.
    toy = ok(client, "/get_recomendation/toy story")
    assert (toy["title_id"], toy["recomendacion"]) == ("ds1378", [])
    assert toy["mensaje"] == "No hay títulos parecidos a toy story"
    assert [o["title_id"] for o in toy["otras_coincidencias"]] == ["as9001"]


def test_get_recomendation_unknown(client):
    body = problem(client, "/get_recomendation/zoombie", 404)
    assert "zoombies" in body["suggestions"]
    problem(client, "/get_recomendation/%20", 400)


# -- a build without the similarity tables --------------------------------------------------


@pytest.fixture(scope="module")
def client_without_similarity(api_build, tmp_path_factory):
    """The app over a copy of the fixture build without the two suggestion tables, like a
    build made with --skip-recommenders."""
    builds = tmp_path_factory.mktemp("no-similarity") / "builds"
    builds.mkdir()
    copy = builds / "20260101T000000Z.duckdb"
    shutil.copyfile(api_build, copy)
    with duckdb.connect(str(copy)) as con:
        con.execute("drop table api.film_suggestions")
        con.execute("drop table api.streaming_title_suggestions")
    with Warehouse(copy) as warehouse, TestClient(create_app(warehouse=warehouse)) as client:
        yield client


@pytest.mark.parametrize(
    "url",
    [
        "/movies/862/similar",
        "/streaming/titles/as1/similar",
        "/recomendacion/toy story",
        "/get_recomendation/zoombies",
    ],
)
def test_without_similarity_tables_a_503(client_without_similarity, url):
    body = problem(client_without_similarity, url, 503)
    assert body["type"] == NOT_BUILT
    assert "--skip-recommenders" in body["detail"]


def test_without_similarity_tables_the_rest_answers(client_without_similarity):
    assert ok(client_without_similarity, "/movies/862")["title"] == "Toy Story"
    problem(client_without_similarity, "/recomendacion/toy stori", 404)


# -- full data ------------------------------------------------------------------------------


@pytest.mark.full_data
def test_full_toy_story_similar(full_client):
    body = full_client.get("/movies/862/similar").json()
    assert [item["movie_id"] for item in body["items"]][:2] == [863, 10193]
    assert body["items"][0]["title"] == "Toy Story 2"
    assert len(body["items"]) == 5
    assert len(full_client.get("/movies/862/similar", params={"limit": 20}).json()["items"]) == 20


@pytest.mark.full_data
def test_full_recomendacion_toy_story(full_client):
    body = full_client.get("/recomendacion/toy story").json()
    assert body["movie_id"] == 862
    assert len(body["recomendaciones"]) == 5
    assert body["recomendaciones"][0] == "Toy Story 2"


@pytest.mark.full_data
def test_full_get_recomendation(full_client):
    body = full_client.get("/get_recomendation/toy story").json()
    assert body["title_id"] == "ds1378"
    assert body["recomendacion"][0] == "toy story 2"
    assert len(body["recomendacion"]) == 5
    # "21" is on Amazon, Hulu and Netflix: the other copies are no recommendation.
    twenty_one = full_client.get("/get_recomendation/21").json()
    assert len(twenty_one["otras_coincidencias"]) == 2
    assert "21" not in twenty_one["recomendacion"]
    assert len(set(twenty_one["recomendacion"])) == 5
    items = full_client.get(f"/streaming/titles/{twenty_one['title_id']}/similar").json()["items"]
    assert "21" in [item["title"] for item in items]  # the resource route lists them all
