"""`/discover/movies` over the fixture build: every answer equals the one statement
(`api.discover.queries.DISCOVER`) DuckDB runs for the same filters, for many combinations."""

from __future__ import annotations

import random

import pytest

from api.discover import queries
from api.discover.service import SORTS

ITEM_FIELDS = ["movie_id", "title", "release_date", "release_year", "popularity", "vote_count",
               "vote_average", "runtime", "revenue"]  # fmt: skip


def sql_answer(api_db, params: dict) -> tuple[int, list[int]]:
    """(total, movie ids of the page) by the reference statement."""
    key, _, direction = params.get("sort", "popularity.desc").partition(".")
    statement = queries.DISCOVER.format(
        db="main", column=queries.SORT_COLUMNS[key], direction=direction
    ).replace("main.api.", "api.")
    names = ["genre", "year_from", "year_to", "language", "country", "company", "person",
             "keyword", "min_votes", "min_vote_average", "runtime_min", "runtime_max",
             "available_on"]  # fmt: skip
    bound = {name: params.get(name) for name in names}
    bound["limit"] = params.get("limit", 20)
    bound["offset"] = params.get("offset", 0)
    rows = api_db.execute(statement, bound).fetchall()
    if not rows:
        everything = api_db.execute(statement, {**bound, "limit": 1, "offset": 0}).fetchall()
        return (everything[0][-1] if everything else 0), []
    return rows[0][-1], [row[0] for row in rows]


def values(api_db, sql: str) -> list:
    return [row[0] for row in api_db.execute(sql).fetchall()]


def random_requests(api_db, count: int, seed: int) -> list[dict]:
    rng = random.Random(seed)
    genres = values(api_db, "select distinct unnest(genre_ids) from api.discover_movies")
    languages = values(api_db, "select distinct original_language from api.discover_movies "
                               "where original_language is not null")  # fmt: skip
    countries = values(api_db, "select distinct unnest(country_codes) from api.discover_movies")
    companies = values(api_db, "select distinct unnest(company_ids) from api.discover_movies")
    people = values(api_db, "select distinct unnest(person_ids) from api.discover_movies")
    keywords = values(api_db, "select distinct unnest(keyword_ids) from api.discover_movies")
    choices = {
        "genre": lambda: rng.choice(genres),
        "language": lambda: rng.choice(languages),
        "country": lambda: rng.choice(countries),
        "company": lambda: rng.choice(companies),
        "person": lambda: rng.choice(people),
        "keyword": lambda: rng.choice(keywords),
        "year_from": lambda: rng.randint(1950, 2012),
        "year_to": lambda: rng.randint(1995, 2020),
        "min_votes": lambda: rng.choice([0, 10, 100, 2000]),
        "min_vote_average": lambda: rng.choice([0, 5.5, 6.5, 7.7]),
        "runtime_min": lambda: rng.choice([0, 90, 100]),
        "runtime_max": lambda: rng.choice([100, 120, 200]),
        "available_on": lambda: rng.choice(["disney", "amazon", "netflix", "hulu"]),
    }
    requests = []
    while len(requests) < count:
        request = {name: make() for name, make in choices.items() if rng.random() < 0.25}
        if request.get("year_from", 0) > request.get("year_to", 9999):
            continue
        if request.get("runtime_min", 0) > request.get("runtime_max", 9999):
            continue
        request["sort"] = rng.choice(SORTS)
        request["limit"] = rng.choice([1, 3, 20, 100])
        request["offset"] = rng.choice([0, 0, 1, 5])
        requests.append(request)
    return requests


def test_answers_equal_the_reference_statement(client, api_db):
    for request in random_requests(api_db, 300, seed=7):
        response = client.get("/discover/movies", params=request)
        assert response.status_code == 200, (request, response.text)
        body = response.json()
        total, ids = sql_answer(api_db, request)
        assert body["total"] == total, request
        assert [item["movie_id"] for item in body["items"]] == ids, request
        assert body["limit"] == request["limit"] and body["offset"] == request["offset"]


def test_item_fields_and_genre_by_name(client, api_db):
    genre_id, name = api_db.execute(
        "select genre_id, name from api.films_by_genre where films > 0 order by genre_id limit 1"
    ).fetchone()
    by_name = client.get("/discover/movies", params={"genre": name.upper()}).json()
    by_id = client.get("/discover/movies", params={"genre": str(genre_id)}).json()
    assert by_name == by_id and by_name["total"] > 0
    assert list(by_name["items"][0]) == ITEM_FIELDS


def test_ties_broken_by_movie_id(client, api_db):
    body = client.get("/discover/movies", params={"sort": "release_date.asc", "limit": 100}).json()
    dated = [(item["release_date"], item["movie_id"]) for item in body["items"]]
    known = [pair for pair in dated if pair[0] is not None]
    assert known == sorted(known)
    nulls = [movie_id for date, movie_id in dated if date is None]
    assert nulls == sorted(nulls) and dated[len(known) :] == [(None, m) for m in nulls]


@pytest.mark.parametrize(
    ("params", "fragment"),
    [
        ({"genre": "nonsense"}, "Animation (16)"),
        ({"genre": "99999"}, "genre must be"),
        ({"sort": "rating.desc"}, "popularity.desc"),
        ({"sort": "popularity"}, "sort must be one of"),
        ({"year_from": 2000, "year_to": 1990}, "greater than year_to"),
        ({"runtime_min": 200, "runtime_max": 100}, "greater than runtime_max"),
        ({"language": "english"}, ""),
        ({"country": "USA"}, ""),
        ({"available_on": "hbo"}, "netflix"),
        ({"min_votes": "many"}, ""),
        ({"min_vote_average": 11}, ""),
        ({"limit": 0}, ""),
        ({"limit": 101}, ""),
        ({"company": 0}, ""),
        ({"year_from": "1990s"}, ""),
    ],
)
def test_bad_filters_are_400_problems(client, params, fragment):
    response = client.get("/discover/movies", params=params)
    assert response.status_code == 400, (params, response.text)
    assert response.headers["content-type"].startswith("application/problem+json")
    assert fragment in response.json()["detail"]


@pytest.mark.parametrize(
    "params", [{"person": 2_000_000_000}, {"language": "zz"}, {"country": "XX"}]
)
def test_a_value_no_film_has_selects_nothing(client, params):
    body = client.get("/discover/movies", params=params).json()
    assert body["total"] == 0 and body["items"] == []


def test_codes_any_case(client, api_db):
    language = api_db.execute(
        "select original_language from api.discover_movies where original_language is not null "
        "group by 1 order by count(*) desc limit 1"
    ).fetchone()[0]
    lower = client.get("/discover/movies", params={"language": language}).json()
    upper = client.get("/discover/movies", params={"language": language.upper()}).json()
    assert lower == upper and lower["total"] > 0
