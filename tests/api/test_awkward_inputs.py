"""Awkward inputs on every name route and query argument: always a 2xx/4xx problem, never a
500 or a traceback."""

from __future__ import annotations

from urllib.parse import quote

import pytest

NAME_ROUTES = [
    "/actors/{}",
    "/directors/{}",
    "/languages/{}",
    "/franchises/{}",
    "/countries/{}",
    "/companies/{}",
    "/releases/months/{}",
    "/releases/weekdays/{}",
    "/cantidad_filmaciones_mes/{}",
    "/cantidad_filmaciones_dia/{}",
    "/score_titulo/{}",
    "/votos_titulo/{}",
    "/get_actor/{}",
    "/get_director/{}",
    "/peliculas_idioma/{}",
    "/peliculas_duracion/{}",
    "/franquicia/{}",
    "/peliculas_pais/{}",
    "/productoras_exitosas/{}",
    "/streaming/platforms/{}",
    "/streaming/countries/{}",
    "/streaming/ratings/{}",
    "/streaming/titles/{}",
    "/streaming/titles/{}/similar",
    "/get_count_platform/{}",
    "/get_contents/{}",
    "/recomendacion/{}",
    "/get_recomendation/{}",
]

# Query routes: (path, valid arguments, the argument made awkward).
QUERY_ARGUMENTS = [
    ("/streaming/longest-movie", {}, "year"),
    ("/streaming/longest-movie", {}, "platform"),
    ("/streaming/longest-movie", {}, "duration_type"),
    ("/streaming/score-count", {"platform": "netflix", "scored": 3, "year": 2020}, "platform"),
    ("/streaming/score-count", {"platform": "netflix", "scored": 3, "year": 2020}, "scored"),
    ("/streaming/score-count", {"platform": "netflix", "scored": 3, "year": 2020}, "year"),
    ("/streaming/top-actor", {"platform": "netflix"}, "platform"),
    ("/streaming/top-actor", {"platform": "netflix"}, "year"),
    ("/streaming/countries/india", {}, "type"),
    ("/streaming/countries/india", {}, "year"),
    ("/movies/862/similar", {}, "limit"),
    ("/streaming/titles/as1/similar", {}, "limit"),
    ("/get_max_duration", {}, "duration_type"),
    ("/get_score_count", {"platform": "netflix", "scored": 3, "year": 2020}, "scored"),
    ("/streaming/get_actor", {"platform": "netflix"}, "platform"),
    ("/prod_per_county", {"country": "india"}, "country"),
    ("/prod_per_county", {"country": "india"}, "type"),
]

AWKWARD = [
    "",
    " ",
    "\t",
    "x" * 10_240,
    "é" * 5_000,
    "日本語",
    "👩‍👩‍👧‍👦",
    "%",
    "%25",
    "'",
    "''",
    ";--",
    "'; drop table people; --",
    "../../etc/passwd",
    "..%2F..%2Fetc%2Fpasswd",
    "0",
    "13",
    "-1",
    "99999999999999999999999999",
    "1e309",
    "NaN",
    "null",
    "\x00",
    "a\x00b",
    "\x7f",
    "\u202e",
    "\ufeff",
    "?",
    "#",
    "{db}",
    "$key",
    "\\",
    '"',
    "<script>",
    "a" * 300,
    "a" * 301,
]


def _urls():
    for route in NAME_ROUTES:
        for value in AWKWARD:
            yield route.format(quote(value, safe=""))


@pytest.mark.parametrize("url", list(_urls()))
def test_never_a_server_error(client, url):
    response = client.get(url)
    assert response.status_code < 500, (url[:80], response.text[:300])
    assert "Traceback" not in response.text
    if response.status_code >= 400:
        assert response.headers["content-type"].startswith("application/problem+json")


@pytest.mark.parametrize("value", [*AWKWARD, "-5", "1.5", "abc"])
def test_movies_query_never_a_server_error(client, value):
    for params in (
        {"title": value},
        {"title": "heat", "limit": value},
        {"title": "heat", "offset": value},
    ):
        response = client.get("/movies", params=params)
        assert response.status_code < 500, (params, response.text[:300])


@pytest.mark.parametrize("value", ["0", "-1", "2147483648", "9" * 40, "1e3", "0x10", "%00"])
def test_movie_ids_never_a_server_error(client, value):
    response = client.get(f"/movies/{value}")
    assert response.status_code in (400, 404)


@pytest.mark.parametrize(("path", "valid", "name"), QUERY_ARGUMENTS)
@pytest.mark.parametrize("value", [*AWKWARD, "-5", "1.5", "abc", "inf", "-inf", "1e400"])
def test_query_arguments_never_a_server_error(client, path, valid, name, value):
    response = client.get(path, params={**valid, name: value})
    assert response.status_code < 500, (path, name, response.text[:300])
    assert "Traceback" not in response.text
    if response.status_code >= 400:
        assert response.headers["content-type"].startswith("application/problem+json")
