"""`/search` and `/search/*` over the fixture build (its index written as the build does).

The fixture holds two films called Heat (1995, 1,886 votes; 1986, 12 votes), Toy Story and
its sequels, accented and original titles (Le Samouraï; The Lure = Córki dancingu), and two
people whose name key is `tom hanks` (Tom Hanks, and an extra with one credit)."""

from __future__ import annotations

import shutil

import pytest
from litestar.testing import TestClient

from api.app import create_app


def first(client, path: str, **params):
    response = client.get(path, params=params)
    assert response.status_code == 200, response.text
    return response.json()


@pytest.mark.parametrize(
    ("q", "movie_id"),
    [
        ("toy story", 862),
        ("TOY  STORY", 862),
        ("toy storry", 862),  # typo, edit distance 1
        ("heat", 949),  # the known Heat before the 1986 one
        ("monsters inc", 585),  # punctuation ignored
        ("samourai", 5511),  # accents ignored
        ("corki dancingu", 375742),  # original title
        ("petit theatre renoir", 132166),  # words of the original title, in part
        ("incredib", 9806),  # the last word as a prefix
        ("raiders lost ark", 85),  # partial title
    ],
)
def test_search_movies_first_result(client, q, movie_id):
    body = first(client, "/search/movies", q=q)
    assert body["items"][0]["movie_id"] == movie_id, body["items"][:3]
    assert body["query"] == q
    assert set(body["items"][0]) == {
        "movie_id", "title", "original_title", "release_year", "popularity", "vote_count",
        "vote_average", "score",
    }  # fmt: skip


def test_same_title_ranked_by_how_known(client, api_db):
    items = first(client, "/search/movies", q="heat")["items"]
    heats = [item for item in items if item["title"] == "Heat"]
    votes = [item["vote_count"] for item in heats]
    assert len(heats) == 2 and votes == sorted(votes, reverse=True)
    assert heats[0]["score"] > heats[1]["score"]


def test_year_filter(client):
    body = first(client, "/search/movies", q="heat", year=1986)
    assert [item["movie_id"] for item in body["items"]] == [900003]
    assert body["total"] == 1


def test_people_surname_and_known_for(client, api_db):
    body = first(client, "/search/people", q="almodovar")
    assert body["items"][0]["person_id"] == 900004
    hanks = first(client, "/search/people", q="hanks")["items"]
    assert hanks[0]["name"] == "Tom Hanks"
    expected = api_db.execute(
        "select known_for, films from api.search_people where person_id = ?",
        [hanks[0]["person_id"]],
    ).fetchone()
    assert hanks[0]["known_for"] == expected[0] and hanks[0]["films"] == expected[1]
    assert len(hanks[0]["known_for"]) <= 3


def test_companies_and_collections(client, api_db):
    company_id, name = api_db.execute(
        "select company_id, name from api.search_companies order by films desc, company_id limit 1"
    ).fetchone()
    body = first(client, "/search/companies", q=name.lower())
    assert body["items"][0]["company_id"] == company_id
    body = first(client, "/search/collections", q="toy story")
    assert body["items"][0]["name"] == "Toy Story Collection"
    assert (
        body["items"][0]["films"]
        == api_db.execute(
            "select films from api.search_collections where name = 'Toy Story Collection'"
        ).fetchone()[0]
    )


def test_search_all_mixes_types(client):
    body = first(client, "/search", q="toy story", limit=50)
    kinds = {item["type"] for item in body["items"]}
    assert {"movie", "collection"} <= kinds
    assert body["items"][0] == {
        "type": "movie", "id": 862, "name": "Toy Story", "year": 1995,
        "score": body["items"][0]["score"],
    }  # fmt: skip
    scores = [item["score"] for item in body["items"]]
    assert scores == sorted(scores, reverse=True)


@pytest.mark.parametrize("route", ["/search", "/search/movies", "/search/people"])
def test_pages_are_slices_of_one_list(client, route):
    q = "the john toy story heat tom"  # any of the words: many matches of every type
    whole = first(client, route, q=q, limit=30)
    assert whole["total"] >= 4
    pages = []
    for offset in range(0, min(whole["total"], 30), 3):
        page = first(client, route, q=q, limit=3, offset=offset)
        assert page["total"] == whole["total"] and page["offset"] == offset
        pages += page["items"]
    assert pages == whole["items"][: len(pages)]


@pytest.mark.parametrize(
    ("params", "fragment"),
    [
        ({"q": ""}, ""),
        ({"q": "   "}, ""),
        ({"q": "x" * 201}, ""),
        ({"q": "toy", "limit": 0}, ""),
        ({"q": "toy", "limit": 101}, ""),
        ({"q": "toy", "offset": -1}, ""),
        ({"q": "toy", "offset": 9_901, "limit": 10}, ""),
        ({}, ""),
    ],
)
def test_bad_queries_are_400_problems(client, params, fragment):
    for route in ("/search", "/search/movies", "/search/companies"):
        response = client.get(route, params=params)
        assert response.status_code == 400, (route, params, response.text)
        assert response.headers["content-type"].startswith("application/problem+json")
        assert fragment in response.json()["detail"]


@pytest.mark.parametrize("q", ["zzqxv", "!!! ...", "\u00b7\u00d7\u00f7"])
def test_no_match_is_an_empty_page(client, q):
    body = first(client, "/search/movies", q=q)
    assert body["total"] == 0 and body["items"] == [] and body["query"] == q


def test_ids_lead_somewhere(client):
    for item in first(client, "/search", q="toy story", limit=20)["items"]:
        path = {"movie": "/movies/{}", "person": "/people/{}", "collection": "/collections/{}"}
        if item["type"] in path:
            assert client.get(path[item["type"]].format(item["id"])).status_code == 200, item


def test_build_without_an_index_answers_503(api_build, tmp_path):
    (tmp_path / "builds").mkdir()
    copy = tmp_path / "builds" / api_build.name
    shutil.copy(api_build, copy)
    (tmp_path / "warehouse.duckdb").symlink_to(copy)
    with TestClient(create_app(str(tmp_path / "warehouse.duckdb"))) as client:
        response = client.get("/search", params={"q": "toy"})
        assert response.status_code == 503
        assert "search index" in response.json()["detail"]
        assert client.get("/movies/862").status_code == 200  # the rest still answers


def test_title_route_ignores_punctuation_then_falls_back_to_search(client):
    body = first(client, "/movies", title="monsters inc")
    assert body["match"] == "exact" and [i["movie_id"] for i in body["items"]] == [585]
    body = first(client, "/movies", title="toy stor")  # no such title: search's films
    assert body["match"] == "fuzzy" and body["items"][0]["movie_id"] == 862
    assert body["total"] == len(body["items"]) <= 20


def test_unknown_title_suggests_what_search_finds(client):
    response = client.get("/score_titulo/incredibles the")
    assert response.status_code == 404
    assert response.json()["suggestions"][0] == "The Incredibles"


def test_name_routes_ignore_punctuation_when_the_key_names_nothing(client, api_db):
    rows = api_db.execute(
        "select company, company_key from api.company_success "
        "where name_rank = 1 and regexp_matches(company, '[.,&-]') order by films desc limit 3"
    ).fetchall()
    assert rows, "the fixture has companies whose names hold punctuation"
    for company, _key in rows:
        plain = " ".join("".join(c if c.isalnum() else " " for c in company.lower()).split())
        response = client.get(f"/companies/{plain}")
        assert response.status_code == 200, (company, plain, response.text)
        assert response.json()["company"] == company


@pytest.mark.parametrize(
    ("route", "view", "label"),
    [("/actors", "actor_success", "name"), ("/directors", "director_success", "name")],
)
def test_a_surname_gets_the_people_it_names_as_suggestions(client, api_db, route, view, label):
    names = api_db.execute(
        f"select {label} from api.{view} where name_rank = 1 and {label} like '% %' "
        f"order by films desc, person_id limit 5"
    ).fetchall()
    for (name,) in names:
        surname = name.split()[-1]
        response = client.get(f"{route}/{surname}")
        if response.status_code == 200:  # someone is called just that
            continue
        assert response.status_code == 404
        assert name in response.json()["suggestions"], (surname, response.json())


def test_only_the_first_16_words_count(client):
    words = "toy story " + " ".join(["zzqxv"] * 14)
    assert first(client, "/search/movies", q=words + " heat") == first(
        client, "/search/movies", q=words + " monsters"
    ) | {"query": words + " heat"}
