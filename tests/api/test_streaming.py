"""The streaming routes (`/streaming/...`, where to watch a film, and the streaming
statement's Spanish aliases) on the fixture build, against answers computed here in Python
from the marts; and the peer figures on the full build."""

from __future__ import annotations

from collections import Counter, defaultdict

import pytest

from api.lookup import name_key
from api.problems import INVALID_ARGUMENT, NO_MATCH, UNKNOWN_NAME
from tests.api.test_routes import ok, problem

PLATFORMS = ("amazon", "disney", "hulu", "netflix")
PLATFORM_FORMS = [
    ("amazon", "amazon"),
    ("Prime", "amazon"),
    ("AMAZON PRIME", "amazon"),
    ("prime  video", "amazon"),
    ("Amazon Prime Video", "amazon"),
    ("disney", "disney"),
    ("Disney+", "disney"),
    ("disney plus", "disney"),
    (" HULU ", "hulu"),
    ("Netflix", "netflix"),
]
BAD_PLATFORMS = ["xbox", "amazon prime plus", "disney-", "0", "hbo max", "netflix!"]


@pytest.fixture(scope="module")
def titles(api_db):
    """Every streaming title of the fixture build, as dicts."""
    columns = [
        "title_id", "platform", "type", "title", "release_year", "rating", "duration_int",
        "duration_type", "score",
    ]  # fmt: skip
    rows = api_db.execute(f"select {', '.join(columns)} from main.streaming_titles").fetchall()
    return [dict(zip(columns, row, strict=True)) for row in rows]


def _quoted(value):
    return value.replace("+", "%2B").replace(" ", "%20")


# -- platforms ------------------------------------------------------------------------------


@pytest.mark.parametrize(("form", "platform"), PLATFORM_FORMS)
def test_platform_counts_every_name(client, titles, form, platform):
    counts = Counter(t["type"] for t in titles if t["platform"] == platform)
    expected = {"platform": platform, "movies": counts["movie"], "tv_shows": counts["tv show"]}
    assert ok(client, f"/streaming/platforms/{_quoted(form)}") == expected
    alias = ok(client, f"/get_count_platform/{_quoted(form)}")
    assert {key: alias[key] for key in expected} == expected
    assert alias["mensaje"].endswith(f"{counts['movie']} películas y {counts['tv show']} series")


@pytest.mark.parametrize("bad", BAD_PLATFORMS)
def test_bad_platform_is_a_400_listing_the_platforms(client, bad):
    for url in [f"/streaming/platforms/{bad}", f"/get_count_platform/{bad}"]:
        body = problem(client, url, 400)
        assert body["type"] == INVALID_ARGUMENT
        for name in ["amazon", "prime video", "disney+", "hulu", "netflix"]:
            assert name in body["detail"]
    body = problem(client, "/streaming/longest-movie", 400, platform=bad)
    assert "netflix" in body["detail"]
    problem(client, "/streaming/score-count", 400, platform=bad, scored=1, year=2016)
    problem(client, "/streaming/top-actor", 400, platform=bad)


# -- longest movie --------------------------------------------------------------------------


def _longest(titles, year, platform, duration_type):
    movies = [
        t
        for t in titles
        if t["type"] == "movie"
        and t["duration_int"] is not None
        and t["duration_type"] == duration_type
        and (platform is None or t["platform"] == platform)
        and (year is None or t["release_year"] == year)
    ]
    if not movies:
        return None
    best = min(movies, key=lambda t: (-t["duration_int"], t["title"], t["title_id"]))
    keys = ["title_id", "title", "platform", "release_year", "duration_int", "duration_type"]
    return {key: best[key] for key in keys}


@pytest.mark.parametrize("year", [None, 2016, 2020, 1900])
@pytest.mark.parametrize("platform", [None, *PLATFORMS])
@pytest.mark.parametrize(
    ("duration_type", "unit"), [(None, "min"), ("MIN", "min"), ("Seasons", "season")]
)
def test_longest_movie_matches_oracle(client, titles, year, platform, duration_type, unit):
    params = {"year": year, "platform": platform, "duration_type": duration_type}
    params = {key: value for key, value in params.items() if value is not None}
    expected = _longest(titles, year, platform, unit)
    if expected is None:
        body = problem(client, "/streaming/longest-movie", 404, **params)
        assert body["type"] == NO_MATCH
        assert ("seasons" if unit == "season" else "minutes") in body["detail"]
        problem(client, "/get_max_duration", 404, **params)
        return
    assert ok(client, "/streaming/longest-movie", **params) == expected
    alias = ok(client, "/get_max_duration", **params)
    assert {key: alias[key] for key in expected} == expected
    assert alias["mensaje"].startswith("La película más larga")
    assert expected["title"] in alias["mensaje"]


def test_longest_movie_ties_and_default_unit(client):
    # as1 and ns9002 are both 'the grand seduction', 113 min: the title_id decides.
    assert ok(client, "/streaming/longest-movie")["title_id"] == "as1"
    # Hulu's yashahime is a "movie" of 2 seasons: only asked for in seasons.
    assert ok(client, "/streaming/longest-movie", platform="hulu")["duration_type"] == "min"
    seasons = ok(client, "/streaming/longest-movie", platform="hulu", duration_type="season")
    assert (seasons["title_id"], seasons["duration_int"]) == ("hs51", 2)
    mensaje = ok(client, "/get_max_duration", platform="hulu", duration_type="season")["mensaje"]
    assert mensaje == (
        "La película más larga de Hulu es yashahime: princess half-demon (Hulu, 2020), "
        "con 2 temporadas"
    )


@pytest.mark.parametrize(
    "params",
    [
        {"duration_type": "hours"},
        {"duration_type": "minutes"},
        {"duration_type": ""},
        {"duration_type": " "},
        {"platform": ""},
        {"year": "abc"},
        {"year": "2016.5"},
        {"year": 1799},
        {"year": 2101},
        {"year": -2016},
        {"year": "9" * 40},
    ],
)
def test_longest_movie_invalid_arguments(client, params):
    body = problem(client, "/streaming/longest-movie", 400, **params)
    if "duration_type" in params and params["duration_type"].strip():
        assert "min, season, seasons" in body["detail"]
    problem(client, "/get_max_duration", 400, **params)


# -- score count ----------------------------------------------------------------------------


@pytest.mark.parametrize("platform", PLATFORMS)
@pytest.mark.parametrize("year", [2016, 2020, 1900])
@pytest.mark.parametrize("scored", [0, 3.3, 3.3536585365853657, 3.45, 5])
def test_score_count_matches_oracle(client, titles, platform, year, scored):
    movies = sum(
        1
        for t in titles
        if t["type"] == "movie"
        and t["platform"] == platform
        and t["release_year"] == year
        and t["score"] is not None
        and t["score"] > scored
    )
    params = {"platform": platform, "scored": scored, "year": year}
    expected = {"platform": platform, "year": year, "scored": scored, "movies": movies}
    assert ok(client, "/streaming/score-count", **params) == expected
    alias = ok(client, "/get_score_count", **params)
    assert {key: alias[key] for key in expected} == expected


def test_score_is_strictly_greater(client):
    # as17 (zoombies, amazon 2016) scores exactly 3.3536585365853657.
    params = {"platform": "amazon", "year": 2016}
    assert ok(client, "/streaming/score-count", scored=3.35365853658536, **params)["movies"] == 1
    assert ok(client, "/streaming/score-count", scored=3.3536585365853657, **params)["movies"] == 0
    body = ok(client, "/get_score_count", scored=3.3, **params)
    assert body["mensaje"] == (
        "1 película de Amazon Prime Video estrenada en 2016 tiene un score mayor a 3.3"
    )


@pytest.mark.parametrize(
    "params",
    [
        {"platform": "netflix", "scored": 3},
        {"platform": "netflix", "year": 2016},
        {"scored": 3, "year": 2016},
        {"platform": "netflix", "scored": -0.1, "year": 2016},
        {"platform": "netflix", "scored": 5.01, "year": 2016},
        {"platform": "netflix", "scored": "nan", "year": 2016},
        {"platform": "netflix", "scored": "inf", "year": 2016},
        {"platform": "netflix", "scored": "-inf", "year": 2016},
        {"platform": "netflix", "scored": "three", "year": 2016},
        {"platform": "netflix", "scored": 3, "year": 0},
        {"platform": "netflix", "scored": 3, "year": "twenty"},
    ],
)
def test_score_count_invalid_arguments(client, params):
    problem(client, "/streaming/score-count", 400, **params)
    problem(client, "/get_score_count", 400, **params)


# -- top actor ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def appearances(api_db):
    """(platform, year or None) -> Counter of actor appearances, from the cast bridge."""
    counts = defaultdict(Counter)
    for platform, year, actor in api_db.execute(
        "select t.platform, t.release_year, c.actor from main.streaming_title_cast c "
        "join main.streaming_titles t using (title_id)"
    ).fetchall():
        counts[platform, year][actor] += 1
        counts[platform, None][actor] += 1
    return counts


def test_top_actor_matches_oracle(client, titles, appearances):
    years = sorted({t["release_year"] for t in titles})
    for platform in ["amazon", "disney", "netflix"]:
        for year in [None, *years]:
            params = {"platform": platform} | ({"year": year} if year is not None else {})
            counts = appearances.get((platform, year))
            if not counts:
                assert problem(client, "/streaming/top-actor", 404, **params)["type"] == NO_MATCH
                continue
            actor, n = min(counts.items(), key=lambda item: (-item[1], item[0]))
            expected = {"platform": platform, "year": year, "actor": actor, "appearances": n}
            assert ok(client, "/streaming/top-actor", **params) == expected, params
            alias = ok(client, "/streaming/get_actor", **params)
            assert {key: alias[key] for key in expected} == expected


def test_top_actor_examples(client):
    body = ok(client, "/streaming/top-actor", platform="NETFLIX")
    assert (body["actor"], body["appearances"], body["year"]) == ("louis c.k.", 2, None)
    # Every amazon actor appears once: the tie goes to the first name.
    assert ok(client, "/streaming/top-actor", platform="prime")["actor"] == "aaron superman davis"
    assert ok(client, "/streaming/get_actor", platform="netflix")["mensaje"] == (
        "El actor que más se repite en Netflix (todos los años) es louis c.k., con 2 apariciones"
    )
    assert ok(client, "/streaming/get_actor", platform="netflix", year=2010)["mensaje"] == (
        "El actor que más se repite en Netflix en 2010 es louis c.k., con 1 aparición"
    )


@pytest.mark.parametrize("params", [{"platform": "hulu"}, {"platform": "Hulu", "year": 2021}])
def test_hulu_has_no_cast(client, params):
    for url in ["/streaming/top-actor", "/streaming/get_actor"]:
        body = problem(client, url, 404, **params)
        assert body["type"] == NO_MATCH
        assert "Hulu" in body["detail"] and "cast" in body["detail"]


def test_top_actor_errors(client):
    body = problem(client, "/streaming/top-actor", 404, platform="disney", year=1900)
    assert body["detail"] == "No title on Disney+ released in 1900 lists its cast."
    problem(client, "/streaming/top-actor", 400)
    problem(client, "/streaming/top-actor", 400, platform="netflix", year=3000)


# -- countries ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def country_titles(api_db):
    return api_db.execute(
        "select c.country, t.type, t.release_year from main.streaming_title_countries c "
        "join main.streaming_titles t using (title_id)"
    ).fetchall()


@pytest.mark.parametrize("country", ["united states", "United  States", "UNITED STATES", "india"])
@pytest.mark.parametrize(
    ("type_form", "title_type"),
    [(None, None), ("Movie", "movie"), ("tv_show", "tv show"), ("TV Shows", "tv show")],
)
@pytest.mark.parametrize("year", [None, 2021, 2018, 1900])
def test_country_titles_match_oracle(client, country_titles, country, type_form, title_type, year):
    key = name_key(country)
    expected = sum(
        1
        for c, t, y in country_titles
        if c == key and title_type in (None, t) and year in (None, y)
    )
    params = {"type": type_form, "year": year}
    params = {name: value for name, value in params.items() if value is not None}
    body = ok(client, f"/streaming/countries/{country}", **params)
    assert body == {"country": key, "type": title_type, "year": year, "titles": expected}
    alias = ok(client, "/prod_per_county", country=country, **params)
    assert {name: alias[name] for name in body} == body


def test_country_zero_is_an_answer_and_unknown_a_404(client):
    assert ok(client, "/streaming/countries/poland", year=2021)["titles"] == 0
    assert ok(client, "/prod_per_county", country="poland", type="tv show")["mensaje"] == (
        "Se produjeron 0 series en poland"
    )
    assert ok(client, "/prod_per_county", country="india")["mensaje"] == (
        "Se produjo 1 contenido en india"
    )
    for url, params in [
        ("/streaming/countries/indai", {}),
        ("/prod_per_county", {"country": "indai"}),
    ]:
        body = problem(client, url, 404, **params)
        assert body["type"] == UNKNOWN_NAME
        assert body["suggestions"][0] == "india"
    # Only the catalogues' names: a Spanish name is unknown (with the English as suggestion).
    assert (
        "united kingdom"
        in problem(client, "/streaming/countries/united kingdon", 404)["suggestions"]
    )
    for bad in ["film", "tv", "documentary", ""]:
        body = problem(client, "/streaming/countries/india", 400, type=bad)
        if bad:
            assert "movie, movies, tv show" in body["detail"]
    problem(client, "/streaming/countries/india", 400, year=99)
    problem(client, "/prod_per_county", 400)


# -- ratings --------------------------------------------------------------------------------


@pytest.mark.parametrize("rating", ["13+", "TV-MA", "g", " Pg-13 "])
def test_rating_titles(client, titles, rating):
    key = name_key(rating)
    expected = {"rating": key, "titles": sum(1 for t in titles if t["rating"] == key)}
    assert expected["titles"] > 0
    assert ok(client, f"/streaming/ratings/{_quoted(rating)}") == expected
    alias = ok(client, f"/get_contents/{_quoted(rating)}")
    assert alias["titles"] == expected["titles"]
    assert alias["mensaje"] == f"{expected['titles']} contenidos tienen la clasificación {key}"


def test_rating_unknown(client):
    for url in ["/streaming/ratings/pg13", "/get_contents/pg13"]:
        body = problem(client, url, 404)
        assert "pg-13" in body["suggestions"]
    assert ok(client, "/get_contents/r")["mensaje"] == "1 contenido tiene la clasificación r"


# -- a title, and where to watch a film -----------------------------------------------------


def test_streaming_title_with_its_film(client):
    body = ok(client, "/streaming/titles/DS1378")
    assert body == {
        "title_id": "ds1378",
        "platform": "disney",
        "show_id": "s1378",
        "type": "movie",
        "title": "toy story",
        "director": "john lasseter",
        "cast": "tom hanks, tim allen",
        "country": "united states",
        "date_added": "2019-11-12",
        "release_year": 1995,
        "rating": "g",
        "duration_int": 83,
        "duration_type": "min",
        "listed_in": "animation, family",
        "description": "meet woody and buzz.",
        "score": 3.392638036809816,
        "movie": {
            "movie_id": 862,
            "title": "Toy Story",
            "release_year": 1995,
            "match_quality": "title_and_year",
        },
    }


def test_streaming_title_without_film(client, api_db):
    body = ok(client, "/streaming/titles/ns8420")
    assert body["movie"] is None
    assert body["title"] == "the memphis belle: a story of a\nflying fortress"
    show = ok(client, "/streaming/titles/hs1")
    assert (show["duration_int"], show["duration_type"], show["cast"]) == (None, None, None)
    columns = [row[0] for row in api_db.execute("describe main.streaming_titles").fetchall()]
    assert set(body) == {*columns, "movie"}


def test_streaming_title_unknown(client):
    for bad in ["xs1", "ns99999", "ds1378x", "1"]:
        body = problem(client, f"/streaming/titles/{bad}", 404)
        assert body["suggestions"] == []
    problem(client, "/streaming/titles/%20", 400)


def test_movie_is_available_on(client):
    body = ok(client, "/movies/862")
    assert body["available_on"] == [
        {"platform": "amazon", "title_id": "as9001", "score": None},
        {"platform": "disney", "title_id": "ds1378", "score": 3.392638036809816},
    ]
    assert ok(client, "/movies/949")["available_on"] == []


# -- full data ------------------------------------------------------------------------------


@pytest.mark.full_data
def test_full_amazon_counts(full_client):
    expected = {"platform": "amazon", "movies": 7_814, "tv_shows": 1_854}
    assert full_client.get("/streaming/platforms/amazon").json() == expected
    body = full_client.get("/get_count_platform/prime").json()
    assert {key: body[key] for key in expected} == expected
    assert body["mensaje"] == "Amazon Prime Video tiene 7814 películas y 1854 series"


@pytest.mark.full_data
def test_full_13_plus(full_client):
    assert full_client.get("/streaming/ratings/13+").json() == {"rating": "13+", "titles": 2_117}
    assert full_client.get("/get_contents/13%2B").json()["titles"] == 2_117


@pytest.mark.full_data
def test_full_netflix_top_actor_all_years(full_client, full_db):
    expected = full_db.execute(
        """
        select c.actor, count(*) as n from main.streaming_title_cast c
        join main.streaming_titles t using (title_id)
        where t.platform = 'netflix'
        group by c.actor order by n desc, c.actor limit 1
        """
    ).fetchone()
    body = full_client.get("/streaming/top-actor", params={"platform": "netflix"}).json()
    assert (body["actor"], body["appearances"], body["year"]) == (*expected, None)
    assert (body["actor"], body["appearances"]) == ("anupam kher", 43)
    hulu = full_client.get("/streaming/get_actor", params={"platform": "hulu"})
    assert hulu.status_code == 404 and "Hulu" in hulu.json()["detail"]


@pytest.mark.full_data
def test_full_toy_story_is_on_disney(full_client):
    available = full_client.get("/movies/862").json()["available_on"]
    assert {"platform": "disney", "title_id": "ds1378"} in [
        {"platform": a["platform"], "title_id": a["title_id"]} for a in available
    ]
    title = full_client.get("/streaming/titles/ds1378").json()
    assert title["movie"]["movie_id"] == 862


@pytest.mark.full_data
def test_full_longest_movie_and_counts(full_client, full_db):
    body = full_client.get(
        "/streaming/longest-movie", params={"platform": "netflix", "year": 2016}
    ).json()
    expected = full_db.execute(
        "select title_id, duration_int from main.streaming_titles "
        "where platform = 'netflix' and release_year = 2016 and type = 'movie' "
        "and duration_type = 'min' order by duration_int desc, title, title_id limit 1"
    ).fetchone()
    assert (body["title_id"], body["duration_int"]) == expected
    india = full_client.get("/streaming/countries/india", params={"type": "movie", "year": 2019})
    (movies_2019,) = full_db.execute(
        "select count(*) from main.streaming_title_countries c join main.streaming_titles t "
        "using (title_id) where c.country = 'india' and t.type = 'movie' "
        "and t.release_year = 2019"
    ).fetchone()
    assert india.json()["titles"] == movies_2019


@pytest.mark.full_data
def test_full_countries_and_ratings_are_their_own_keys(full_db):
    # api.lookup's STREAMING_COUNTRIES / STREAMING_RATINGS compare the stored value with the
    # argument's key: that needs every stored value to be a key already.
    for sql in [
        "select distinct country from api.streaming_country_counts",
        "select distinct rating from api.streaming_rating_counts",
    ]:
        values = [value for (value,) in full_db.execute(sql).fetchall()]
        assert [v for v in values if v != name_key(v)] == [], sql
