"""The similar routes' filters (`/movies/{id}/similar`, `/streaming/titles/{id}/similar`:
genre, platform, release years, ids left out, limit up to the build's depth) on the fixture
build: each filter and their combinations, ranks kept from the unfiltered list, the 400s, and
for random items and filters the route's answer equals a statement written here over the
marts (similar_movies / streaming_similar_titles joined with the films' genres and platforms,
the titles' genres), not over the api relations the route reads."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from api.app import create_app
from api.problems import INVALID_ARGUMENT, UNKNOWN_NAME
from api.similar import service
from api.streaming.service import INVALID_PLATFORM, PLATFORM_KEYS
from tests.api.test_routes import ok, problem

REPO = Path(__file__).resolve().parents[2]

#: The films' reference: the unfiltered neighbours (similar_movies) joined with the films and
#: filtered through the bridges (movie_genres; streaming_title_movies x streaming_titles).
FILM_REFERENCE = """
select
    s.rank, s.similar_movie_id, m.title, m.release_year, s.score, s.shared_genres,
    s.shared_keywords, s.shared_people, s.same_collection
from main.similar_movies as s
inner join main.movies as m on s.similar_movie_id = m.movie_id
where s.movie_id = $movie_id
    and ($genre is null or exists (
        select 1 from main.movie_genres as g
        where g.movie_id = s.similar_movie_id and g.genre_id = $genre
    ))
    and ($platform is null or exists (
        select 1
        from main.streaming_title_movies as l
        inner join main.streaming_titles as t on l.title_id = t.title_id
        where l.movie_id = s.similar_movie_id and t.platform = $platform
    ))
    and ($year_from is null or m.release_year >= $year_from)
    and ($year_to is null or m.release_year <= $year_to)
    and s.similar_movie_id not in (select unnest($exclude::bigint[]))
order by s.rank
limit $limit
"""

TITLE_REFERENCE = """
select
    s.rank, s.similar_title_id, t.title, t.platform, t.type, t.release_year, s.score,
    s.shared_genres, s.shared_people, s.shared_countries, s.same_director
from main.streaming_similar_titles as s
inner join main.streaming_titles as t on s.similar_title_id = t.title_id
where s.title_id = $title_id
    and ($genre is null or exists (
        select 1 from main.streaming_title_genres as g
        where g.title_id = s.similar_title_id and g.genre = $genre
    ))
    and ($platform is null or t.platform = $platform)
    and ($year_from is null or t.release_year >= $year_from)
    and ($year_to is null or t.release_year <= $year_to)
    and s.similar_title_id not in (select unnest($exclude::varchar[]))
order by s.rank
limit $limit
"""

FILTER_NAMES = ("genre", "available_on", "platform", "year_from", "year_to", "exclude")


def film_reference(api_db, movie_id: int, ranked: bool, **filters) -> list[dict]:
    rows = api_db.execute(FILM_REFERENCE, {"movie_id": movie_id, **filters}).fetchall()
    items = []
    for rank, similar, title, year, score, genres, keywords, people, same in rows:
        item = {"rank": rank} if ranked else {}
        item |= {
            "movie_id": similar,
            "title": title,
            "release_year": year,
            "score": score,
            "shared": {"genres": genres, "keywords": keywords, "people": people},
            "same_collection": same,
        }
        items.append(item)
    return items


def title_reference(api_db, title_id: str, ranked: bool, **filters) -> list[dict]:
    rows = api_db.execute(TITLE_REFERENCE, {"title_id": title_id, **filters}).fetchall()
    items = []
    for rank, similar, title, platform, kind, year, score, genres, people, countries, same in rows:
        item = {"rank": rank} if ranked else {}
        item |= {
            "title_id": similar,
            "title": title,
            "platform": platform,
            "type": kind,
            "release_year": year,
            "score": score,
            "shared": {"genres": genres, "people": people, "countries": countries},
            "same_director": same,
        }
        items.append(item)
    return items


def no_filters(**given) -> dict:
    """The reference's parameters: every filter off but those given."""
    return {"genre": None, "platform": None, "year_from": None, "year_to": None,
            "exclude": [], "limit": service.DEFAULT_SUGGESTIONS, **given}  # fmt: skip


def neighbours(api_db, movie_id: int) -> list[int]:
    return [
        row[0]
        for row in api_db.execute(
            "select similar_movie_id from main.similar_movies where movie_id = ? order by rank",
            [movie_id],
        ).fetchall()
    ]


# -- depth and limit --------------------------------------------------------------------------


def test_max_suggestions_is_the_builds_depth():
    project = yaml.safe_load((REPO / "dbt_project.yml").read_text())
    assert project["vars"]["similar_depth"] == service.MAX_SUGGESTIONS


def test_limit_up_to_the_depth(client, api_db):
    for movie_id in (862, 949):
        body = ok(client, f"/movies/{movie_id}/similar", limit=100)
        expected = film_reference(api_db, movie_id, False, **no_filters(limit=100))
        assert body["items"] == expected
        assert len(expected) == len(neighbours(api_db, movie_id)) > 5
    body = ok(client, "/streaming/titles/as1/similar", limit=100)
    assert body["items"] == title_reference(api_db, "as1", False, **no_filters(limit=100))
    for url in ("/movies/862/similar", "/streaming/titles/as1/similar"):
        for limit in (0, 101, 1000):
            problem(client, url, 400, limit=limit)


# -- each filter --------------------------------------------------------------------------------


def test_no_filter_no_rank(client, api_db):
    body = ok(client, "/movies/863/similar", limit=7)
    assert body["items"] == film_reference(api_db, 863, False, **no_filters(limit=7))
    assert all("rank" not in item for item in body["items"])


@pytest.mark.parametrize("spelling", ["Animation", "animation", " ANIMATION ", "16", "016"])
def test_film_genre_by_name_or_id(client, api_db, spelling):
    body = ok(client, "/movies/389/similar", genre=spelling, limit=100)
    expected = film_reference(api_db, 389, True, **no_filters(genre=16, limit=100))
    assert body["items"] == expected
    assert expected and len(expected) < len(neighbours(api_db, 389))


def test_film_available_on(client, api_db):
    # Only Toy Story (862) is linked to streaming titles in the fixture (Disney+ and Amazon).
    for spelling in ("disney", "Disney+", "prime video", "AMAZON"):
        body = ok(client, "/movies/863/similar", available_on=spelling, limit=100)
        assert [(item["movie_id"], item["rank"]) for item in body["items"]] == [(862, 1)]
    assert ok(client, "/movies/863/similar", available_on="netflix")["items"] == []
    body = ok(client, "/movies/12/similar", available_on="disney", limit=100)
    assert body["items"] == film_reference(
        api_db, 12, True, **no_filters(platform="disney", limit=100)
    )


def test_film_years(client, api_db):
    for year_from, year_to in [(2000, None), (None, 1995), (1995, 1995), (2001, 2010)]:
        params = {"year_from": year_from, "year_to": year_to, "limit": 100}
        body = ok(client, "/movies/862/similar", **{k: v for k, v in params.items() if v})
        expected = film_reference(api_db, 862, True, **no_filters(**params))
        assert body["items"] == expected and expected
        years = [item["release_year"] for item in expected]
        assert all((year_from or 0) <= year <= (year_to or 9999) for year in years)


def test_rank_and_score_are_the_unfiltered_lists(client, api_db):
    unfiltered = ok(client, "/movies/862/similar", limit=20)["items"]
    first_six = ",".join(str(item["movie_id"]) for item in unfiltered[:6])
    body = ok(client, "/movies/862/similar", exclude=first_six, limit=3)
    assert [item["rank"] for item in body["items"]] == [7, 8, 9]
    for item, original in zip(body["items"], unfiltered[6:9], strict=True):
        assert {key: value for key, value in item.items() if key != "rank"} == original
    assert body["items"] == film_reference(
        api_db, 862, True, **no_filters(exclude=neighbours(api_db, 862)[:6], limit=3)
    )


def test_exclude_films(client, api_db):
    ids = neighbours(api_db, 862)
    body = ok(client, "/movies/862/similar", exclude=f"{ids[1]},{ids[0]},{ids[1]},99999", limit=4)
    assert [item["movie_id"] for item in body["items"]] == ids[2:6]
    # at most 100 ids, here all of the film's neighbours and more: nothing left
    many = ids + list(range(1, 101 - len(ids)))
    assert len(many) == 100
    assert ok(client, "/movies/862/similar", exclude=",".join(map(str, many)))["items"] == []
    # an id no film has (10 digits) leaves nothing out
    body = ok(client, "/movies/862/similar", exclude="9999999999")
    assert [item["movie_id"] for item in body["items"]] == ids[:5]
    assert [item["rank"] for item in body["items"]] == [1, 2, 3, 4, 5]


def test_filters_combine(client, api_db):
    params = {"genre": "family", "year_from": 1996, "exclude": "863", "limit": 3}
    body = ok(client, "/movies/862/similar", **params)
    expected = film_reference(
        api_db, 862, True, **no_filters(genre=10751, year_from=1996, exclude=[863], limit=3)
    )
    assert body["items"] == expected
    assert len(expected) == 3 and 863 not in [item["movie_id"] for item in expected]
    assert all(item["release_year"] >= 1996 for item in expected)


def test_everything_filtered_out_is_no_404(client):
    body = ok(client, "/movies/862/similar", year_from=2100)
    assert body == {"movie_id": 862, "title": "Toy Story", "items": []}
    assert ok(client, "/movies/900003/similar", genre="drama")["items"] == []  # no suggestions
    assert problem(client, "/movies/123456789/similar", 404, genre="drama")["type"] == (
        UNKNOWN_NAME
    )
    body = ok(client, "/streaming/titles/as1/similar", year_to=1900)
    assert body == {"title_id": "as1", "title": "the grand seduction", "items": []}
    assert problem(client, "/streaming/titles/xs1/similar", 404, platform="hulu")["type"] == (
        UNKNOWN_NAME
    )


# -- streaming titles ---------------------------------------------------------------------------


def test_title_platform_and_its_alias(client, api_db):
    expected = title_reference(api_db, "as1", True, **no_filters(platform="netflix", limit=100))
    assert expected and all(item["platform"] == "netflix" for item in expected)
    for params in ({"platform": "Netflix"}, {"available_on": "netflix"},
                   {"platform": "netflix", "available_on": "NETFLIX"}):  # fmt: skip
        body = ok(client, "/streaming/titles/as1/similar", limit=100, **params)
        assert body["items"] == expected
    # both given: a suggestion must be on both
    params = {"platform": "netflix", "available_on": "hulu"}
    assert ok(client, "/streaming/titles/as1/similar", **params)["items"] == []


def test_title_genre_years_and_exclude(client, api_db):
    body = ok(client, "/streaming/titles/as1/similar", genre=" Drama ", limit=100)
    expected = title_reference(api_db, "as1", True, **no_filters(genre="drama", limit=100))
    assert body["items"] == expected and len(expected) >= 3
    body = ok(
        client,
        "/streaming/titles/as1/similar",
        genre="drama",
        exclude="AS780,as2",
        year_from=2010,
        year_to=2020,
    )
    assert body["items"] == title_reference(
        api_db,
        "as1",
        True,
        **no_filters(genre="drama", exclude=["as2", "as780"], year_from=2010, year_to=2020),
    )
    assert body["items"][0]["rank"] > 2


# -- invalid filters ----------------------------------------------------------------------------


def test_unknown_genre_names_the_genres(client):
    detail = problem(client, "/movies/862/similar", 400, genre="cartoon")["detail"]
    assert "Animation (16)" in detail and "Family (10751)" in detail and "'cartoon'" in detail
    problem(client, "/movies/862/similar", 400, genre="99999")
    body = problem(client, "/streaming/titles/as1/similar", 400, genre="comedie")
    assert body["type"] == INVALID_ARGUMENT
    assert "closest: comedies, comedy" in body["detail"]
    # every genre of the catalogues is named
    assert "stand-up comedy & talk shows" in body["detail"] and "tv mysteries" in body["detail"]
    detail = problem(client, "/streaming/titles/as1/similar", 400, genre="zzzz")["detail"]
    assert "closest" not in detail and "action-adventure" in detail


def test_unknown_platform_names_the_platforms(client):
    for url, name in [("/movies/862/similar", "available_on"),
                      ("/streaming/titles/as1/similar", "platform"),
                      ("/streaming/titles/as1/similar", "available_on")]:  # fmt: skip
        body = problem(client, url, 400, **{name: "hbo"})
        assert body["detail"] == INVALID_PLATFORM
        assert all(key in body["detail"] for key in PLATFORM_KEYS)


def test_years_out_of_order(client):
    for url in ("/movies/862/similar", "/streaming/titles/as1/similar"):
        body = problem(client, url, 400, year_from=2010, year_to=1990)
        # the documented 400 example
        assert body["detail"] == "year_from (2010) is greater than year_to (1990)."
        problem(client, url, 400, year_from=1799)
        problem(client, url, 400, year_to="twenty")


@pytest.mark.parametrize(
    "exclude",
    ["abc", "1,,2", "0", "-1", "1.5", "1, 2", ",1", "1,", "12345678901", "ns1", "1;2", " "],
)
def test_bad_movie_ids(client, exclude):
    body = problem(client, "/movies/862/similar", 400, exclude=exclude)
    assert body["type"] == INVALID_ARGUMENT or "Validation failed" in body["detail"]


@pytest.mark.parametrize("exclude", ["x1", "ns", "ns1,,ns2", "ns-1", "862", "ns1, as2", "xs1"])
def test_bad_title_ids(client, exclude):
    problem(client, "/streaming/titles/as1/similar", 400, exclude=exclude)


def test_exclude_at_most_100(client):
    ids = ",".join(str(n) for n in range(1, 102))
    detail = problem(client, "/movies/862/similar", 400, exclude=ids)["detail"]
    assert detail == "exclude lists at most 100 ids; got 101."
    assert ok(client, "/movies/862/similar", exclude=ids.rsplit(",", 1)[0])["items"]
    titles = ",".join(f"ns{n}" for n in range(1, 102))
    problem(client, "/streaming/titles/as1/similar", 400, exclude=titles)
    ok(client, "/streaming/titles/as1/similar", exclude=titles.rsplit(",", 1)[0])


def test_document_declares_the_filters():
    document = create_app("unused.duckdb").openapi_schema.to_schema()
    for path, pattern in [
        ("/movies/{movie_id}/similar", service.MOVIE_IDS_PATTERN),
        ("/streaming/titles/{title_id}/similar", service.TITLE_IDS_PATTERN),
    ]:
        parameters = {p["name"]: p for p in document["paths"][path]["get"]["parameters"]}
        assert {"limit", "genre", "available_on", "year_from", "year_to", "exclude"} <= set(
            parameters
        )
        assert parameters["limit"]["schema"]["maximum"] == 100
        declared = parameters["exclude"]["schema"]["pattern"]
        assert declared == pattern
        one = "862" if "movie" in path else "ns862"
        assert re.fullmatch(declared, ",".join([one] * 100))
        assert not re.fullmatch(declared, ",".join([one] * 101))
    titles = document["paths"]["/streaming/titles/{title_id}/similar"]["get"]["parameters"]
    assert "platform" in {p["name"] for p in titles}


# -- random items and filters against the marts ------------------------------------------------


@pytest.fixture(scope="module")
def vocabulary(api_db):
    def column(sql: str) -> list:
        return [row[0] for row in api_db.execute(sql).fetchall()]

    return {
        "films": column("select movie_id from main.movies order by movie_id"),
        "genres": api_db.execute("select genre_id, name from main.genres").fetchall(),
        "titles": column("select title_id from main.streaming_titles order by title_id"),
        "title_genres": column("select distinct genre from main.streaming_title_genres order by 1"),
        "neighbours": dict(
            api_db.execute(
                "select movie_id, list(similar_movie_id) from main.similar_movies group by 1"
            ).fetchall()
        ),
        "title_neighbours": dict(
            api_db.execute(
                "select title_id, list(similar_title_id) from main.streaming_similar_titles "
                "group by 1"
            ).fetchall()
        ),
    }


RANDOM = settings(
    max_examples=120,
    deadline=None,
    database=None,
    derandomize=True,  # the same cases every run: a failure is reproducible
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def any_case(draw, text: str) -> str:
    """`text` in a random mix of cases."""
    flags = draw(st.lists(st.booleans(), min_size=len(text), max_size=len(text)))
    return "".join(ch.upper() if up else ch.lower() for ch, up in zip(text, flags, strict=True))


def years(draw) -> tuple[int | None, int | None]:
    low = draw(st.none() | st.integers(1940, 2022))
    high = draw(st.none() | st.integers(low or 1940, 2025))
    return low, high


def platform(draw) -> tuple[str, str] | None:
    """(spelling sent, platform meant) or None."""
    spelling = draw(st.none() | st.sampled_from(sorted(PLATFORM_KEYS)))
    return None if spelling is None else (any_case(draw, spelling), PLATFORM_KEYS[spelling])


@RANDOM
@given(data=st.data())
def test_random_film_filters_equal_the_marts(client, api_db, vocabulary, data):
    draw = data.draw
    movie_id = draw(st.sampled_from(vocabulary["films"]))
    request: dict = {}
    reference = no_filters()
    if (genre := draw(st.none() | st.sampled_from(vocabulary["genres"]))) is not None:
        genre_id, name = genre
        request["genre"] = draw(st.sampled_from([str(genre_id), any_case(draw, name)]))
        reference["genre"] = genre_id
    if (chosen := platform(draw)) is not None:
        request["available_on"], reference["platform"] = chosen
    low, high = years(draw)
    request |= {k: v for k, v in (("year_from", low), ("year_to", high)) if v is not None}
    reference |= {"year_from": low, "year_to": high}
    own = vocabulary["neighbours"].get(movie_id, [])
    excluded = draw(
        st.none() | st.lists(st.sampled_from(own) | st.integers(1, 10**6), min_size=1, max_size=12)
        if own
        else st.none() | st.lists(st.integers(1, 10**6), min_size=1, max_size=3)
    )
    if excluded is not None:
        request["exclude"] = ",".join(map(str, excluded))
        reference["exclude"] = excluded
    if (limit := draw(st.none() | st.integers(1, 100))) is not None:
        request["limit"] = limit
        reference["limit"] = limit
    ranked = any(name in request for name in FILTER_NAMES)
    body = ok(client, f"/movies/{movie_id}/similar", **request)
    assert body["movie_id"] == movie_id
    assert body["items"] == film_reference(api_db, movie_id, ranked, **reference)


@RANDOM
@given(data=st.data())
def test_random_title_filters_equal_the_marts(client, api_db, vocabulary, data):
    draw = data.draw
    title_id = draw(st.sampled_from(vocabulary["titles"]))
    request: dict = {}
    reference = no_filters()
    if (genre := draw(st.none() | st.sampled_from(vocabulary["title_genres"]))) is not None:
        request["genre"] = any_case(draw, genre)
        reference["genre"] = genre
    if (chosen := platform(draw)) is not None:
        name = draw(st.sampled_from(["platform", "available_on"]))
        request[name], reference["platform"] = chosen
    low, high = years(draw)
    request |= {k: v for k, v in (("year_from", low), ("year_to", high)) if v is not None}
    reference |= {"year_from": low, "year_to": high}
    own = vocabulary["title_neighbours"].get(title_id, [])
    other = st.sampled_from(vocabulary["titles"])
    excluded = draw(
        st.none() | st.lists(st.sampled_from(own) | other if own else other, max_size=8, min_size=1)
    )
    if excluded is not None:
        request["exclude"] = ",".join(any_case(draw, item) for item in excluded)
        reference["exclude"] = excluded
    if (limit := draw(st.none() | st.integers(1, 100))) is not None:
        request["limit"] = limit
        reference["limit"] = limit
    ranked = any(name in request for name in FILTER_NAMES)
    body = ok(client, f"/streaming/titles/{title_id}/similar", **request)
    assert body["title_id"] == title_id
    assert body["items"] == title_reference(api_db, title_id, ranked, **reference)
