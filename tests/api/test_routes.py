"""Every route on the fixture build: answers, Spanish aliases, and every error path."""

from __future__ import annotations

import pytest

from api.problems import INVALID_ARGUMENT, UNKNOWN_NAME

PROBLEM = "application/problem+json"


def ok(client, url, **params):
    response = client.get(url, params=params or None)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("application/json")
    return response.json()


def problem(client, url, status, **params):
    response = client.get(url, params=params or None)
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith(PROBLEM)
    body = response.json()
    assert body["status"] == status
    assert {"type", "title", "detail"} <= body.keys()
    assert "Traceback" not in response.text
    return body


# -- movies ---------------------------------------------------------------------------------


def test_movies_by_title_exact(client):
    body = ok(client, "/movies", title="  TOY story ")
    assert body["match"] == "exact"
    assert body["total"] == 1 and body["limit"] == 20 and body["offset"] == 0
    assert body["items"] == [
        {
            "movie_id": 862,
            "title": "Toy Story",
            "release_date": "1995-10-30",
            "release_year": 1995,
            "popularity": 21.946943,
            "vote_count": 5415,
            "vote_average": 7.7,
            "runtime": 81,
        }
    ]


def test_movies_by_title_most_popular_first_and_pages(client):
    body = ok(client, "/movies", title="heat")
    assert [item["movie_id"] for item in body["items"]] == [949, 900003]
    assert body["total"] == 2
    page = ok(client, "/movies", title="heat", limit=1, offset=1)
    assert [item["movie_id"] for item in page["items"]] == [900003]
    assert (page["total"], page["limit"], page["offset"]) == (2, 1, 1)
    assert ok(client, "/movies", title="heat", offset=5)["items"] == []


def test_movies_by_title_accents_and_fuzzy_fallback(client):
    assert ok(client, "/movies", title="le samourai")["items"][0]["movie_id"] == 5511
    fuzzy = ok(client, "/movies", title="toy stroy")
    assert fuzzy["match"] == "fuzzy"
    assert fuzzy["items"][0]["movie_id"] == 862
    nothing = ok(client, "/movies", title="qqqqqqqqqqqq")
    assert (nothing["match"], nothing["total"], nothing["items"]) == ("none", 0, [])


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"title": ""},
        {"title": "   "},
        {"title": "x" * 10_000},
        {"title": "a", "limit": 0},
        {"title": "a", "limit": 101},
        {"title": "a", "offset": -1},
        {"title": "a", "limit": "x"},
    ],
)
def test_movies_invalid_arguments(client, params):
    problem(client, "/movies", 400, **params)


def test_movie_details(client):
    body = ok(client, "/movies/862")
    assert body["title"] == "Toy Story"
    assert body["return"] == pytest.approx(373554033 / 30000000)
    assert body["collection"] == {"collection_id": 10194, "name": "Toy Story Collection"}
    assert [g["name"] for g in body["genres"]] == ["Animation", "Comedy", "Family"]
    assert body["directors"] == [{"person_id": 7879, "name": "John Lasseter"}]
    assert body["companies"][0]["name"] == "Pixar Animation Studios"
    assert body["countries"] == [{"country_code": "US", "name": "United States of America"}]
    assert body["spoken_languages"][0]["language_code"] == "en"
    assert body["top_cast"][0]["name"] == "Tom Hanks"


def test_movie_details_errors(client):
    body = problem(client, "/movies/123456789", 404)
    assert body["suggestions"] == []
    for bad in ["0", "-1", "99999999999999999999999"]:
        problem(client, f"/movies/{bad}", 400)
    problem(client, "/movies/abc", 404)  # not a route: ids are integers


# -- releases -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def january_films(api_db):
    return api_db.execute(
        "select count(*) from main.movies where month(release_date) = 1"
    ).fetchone()[0]


@pytest.mark.parametrize("month", ["enero", "ENERO", " Enero ", "january", "1", "01"])
def test_month_forms(client, january_films, month):
    body = ok(client, f"/releases/months/{month}")
    assert body == {"month": 1, "month_en": "january", "month_es": "enero", "films": january_films}


@pytest.mark.parametrize(
    "weekday", ["miércoles", "Miércoles", "miercoles", "MIERCOLES", "wednesday", "3"]
)
def test_weekday_forms(client, weekday):
    body = ok(client, f"/releases/weekdays/{weekday}")
    assert (body["weekday"], body["weekday_es"], body["weekday_en"]) == (
        3,
        "miércoles",
        "wednesday",
    )


def test_release_errors(client):
    for bad in ["0", "13", "-1", "99999999999", "%20"]:
        problem(client, f"/releases/months/{bad}", 400)
    for bad in ["0", "8", "-3"]:
        problem(client, f"/releases/weekdays/{bad}", 400)
    assert "enero" in problem(client, "/releases/months/enro", 404)["suggestions"]
    assert "sábado" in problem(client, "/releases/weekdays/sabadoo", 404)["suggestions"]


# -- people ---------------------------------------------------------------------------------


def test_actor_answers_the_person_with_more_films(client, api_db):
    body = ok(client, "/actors/tom hanks")
    films, total = api_db.execute(
        'select count(distinct c.movie_id), sum(m."return") from main.movie_cast c '
        "join main.movies m using (movie_id) where c.person_id = 31"
    ).fetchone()
    assert body["person_id"] == 31 and body["actor"] == "Tom Hanks"
    assert body["films"] == films
    assert body["total_return"] == pytest.approx(total)
    assert body["average_return"] == pytest.approx(total / films)
    assert body["alternatives"] == [{"id": 900001, "name": "TOM  Hanks", "films": 1}]


def test_actor_accents_and_case(client):
    assert ok(client, "/actors/PAULA GARCES")["actor"] == "Paula Garcés"
    assert ok(client, "/actors/fixture o'brien")["films"] == 1


def test_actor_unknown_and_excluded_directors(client):
    body = problem(client, "/actors/tom hank", 404)
    assert body["type"] == UNKNOWN_NAME
    assert body["suggestions"][0] == "Tom Hanks"
    assert len(body["suggestions"]) <= 5
    # Frank Sinatra only acted in the film he directed: not an actor once directors are out.
    problem(client, "/actors/frank sinatra", 404)


def test_director(client):
    body = ok(client, "/directors/john lasseter")
    assert body["person_id"] == 7879 and body["films"] == 4
    assert [m["movie_id"] for m in body["movies"]] == [862, 9487, 863, 920]  # by date
    toy_story = body["movies"][0]
    assert toy_story == {
        "movie_id": 862,
        "title": "Toy Story",
        "release_date": "1995-10-30",
        "return": pytest.approx(12.4518011),
        "budget": 30000000,
        "revenue": 373554033,
    }
    assert body["total_return"] == pytest.approx(sum(m["return"] for m in body["movies"]))
    assert body["alternatives"] == [{"id": 900002, "name": "John Lasseter", "films": 1}]
    assert ok(client, "/directors/pedro almodovar")["director"] == "Pedro Almodóvar"
    assert "John Lasseter" in problem(client, "/directors/jon lasseter", 404)["suggestions"]


# -- languages, countries, franchises, companies --------------------------------------------


@pytest.mark.parametrize("language", ["fr", "FR", "French", "francés", "frances", "Français"])
def test_language_forms(client, language):
    body = ok(client, f"/languages/{language}")
    assert (body["code"], body["language"], body["language_es"]) == ("fr", "French", "Francés")
    assert body["films"] == 2


def test_language_without_films_and_unknown(client):
    assert ok(client, "/languages/zu")["films"] == 0
    assert "English" in problem(client, "/languages/englsh", 404)["suggestions"]


@pytest.mark.parametrize(
    "country", ["US", "us", "United States of America", "united states", "Estados Unidos"]
)
def test_country_forms(client, country):
    body = ok(client, f"/countries/{country}")
    assert (body["code"], body["country_es"]) == ("US", "Estados Unidos")
    assert body["films"] == 22


def test_country_unknown(client):
    assert "France" in problem(client, "/countries/frence", 404)["suggestions"]


def test_franchise(client):
    for name in ["Toy Story Collection", "toy story"]:
        body = ok(client, f"/franchises/{name}")
        assert body["collection_id"] == 10194 and body["films"] == 3
        assert body["average_revenue"] == pytest.approx(body["total_revenue"] / 3)
    assert "Toy Story Collection" in problem(client, "/franchises/toy stroy", 404)["suggestions"]


def test_company(client):
    body = ok(client, "/companies/pixar animation studios")
    assert (body["company_id"], body["company"], body["films"]) == (3, "Pixar Animation Studios", 9)
    assert (
        "Pixar Animation Studios" in problem(client, "/companies/pixar studios", 404)["suggestions"]
    )


# -- health and schema ----------------------------------------------------------------------


def test_health(client, api_build):
    body = ok(client, "/health")
    assert body["status"] == "ok"
    assert body["warehouse_file"] == api_build.name
    assert body["warehouse_path"] == "warehouse.duckdb"
    assert body["row_counts"]["movies"] > 0
    assert body["build_finished_at"] is not None


def test_openapi_has_examples_on_every_route(client):
    response = client.get("/schema/openapi.json")
    assert response.status_code == 200
    schema = response.json()
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            if method not in ("get", "post"):
                continue
            # 200, or 202 where a request is only accepted (POST /users/{user_id}/ratings)
            success = operation["responses"].get("200") or operation["responses"]["202"]
            content = success["content"]
            # JSON everywhere but the pages (/report, /warehouse-docs) and /metrics.
            media = "application/json" if "application/json" in content else None
            if media is None:
                assert path in ("/report", "/warehouse-docs", "/metrics"), (method, path)
                (media,) = content
            assert content[media].get("examples"), (method, path, media)
            for parameter in operation.get("parameters", []):
                if parameter["in"] == "path":
                    assert parameter.get("examples"), (path, parameter["name"])


# -- the statement's routes -----------------------------------------------------------------


def test_cantidad_filmaciones(client, january_films):
    body = ok(client, "/cantidad_filmaciones_mes/Enero")
    assert body["films"] == january_films
    assert body["mensaje"] == (
        f"{january_films} cantidad de películas fueron estrenadas en el mes de enero"
    )
    body = ok(client, "/cantidad_filmaciones_dia/sabado")
    assert body["mensaje"].endswith("fueron estrenadas en los días sábado")
    problem(client, "/cantidad_filmaciones_mes/13", 400)


def test_score_titulo_lists_other_films(client):
    body = ok(client, "/score_titulo/heat")
    assert (body["movie_id"], body["release_year"]) == (949, 1995)
    assert body["mensaje"].startswith("La película Heat fue estrenada en el año 1995")
    assert [o["movie_id"] for o in body["otras_coincidencias"]] == [900003]


def test_votos_titulo(client):
    body = ok(client, "/votos_titulo/12 angry men")
    assert body["cumple_condicion"] is True
    assert (body["vote_count"], body["vote_average"]) == (2130, 8.2)
    assert "2130 valoraciones, con un promedio de 8.2" in body["mensaje"]
    below = ok(client, "/votos_titulo/heat")  # 1886 votes
    assert below["cumple_condicion"] is False
    assert "vote_count" not in below and "vote_average" not in below
    assert "no cumple" in below["mensaje"]


def test_get_actor_and_director(client):
    actor = ok(client, "/get_actor/Tom Hanks")
    assert actor["mensaje"].startswith("El actor Tom Hanks ha participado de")
    director = ok(client, "/get_director/John Lasseter")
    assert director["films"] == 4 and len(director["movies"]) == 4
    assert director["mensaje"].startswith("El director John Lasseter ha dirigido 4 películas")


def test_other_statement_routes(client):
    assert ok(client, "/peliculas_idioma/francés")["mensaje"] == (
        "2 cantidad de películas fueron estrenadas en idioma Francés"
    )
    assert ok(client, "/peliculas_duracion/toy story")["mensaje"] == (
        "Toy Story. Duración: 81 minutos. Año: 1995"
    )
    franquicia = ok(client, "/franquicia/Toy Story Collection")
    assert franquicia["mensaje"].startswith("La franquicia Toy Story Collection posee 3 películas")
    assert ok(client, "/peliculas_pais/estados unidos")["mensaje"] == (
        "Se produjeron 22 películas en el país Estados Unidos"
    )
    assert ok(client, "/productoras_exitosas/pixar animation studios")["mensaje"].startswith(
        "La productora Pixar Animation Studios ha tenido un revenue de"
    )


@pytest.mark.parametrize(
    "url",
    [
        "/score_titulo/nothing like this",
        "/votos_titulo/zzzz",
        "/get_actor/nadie",
        "/get_director/nadie",
        "/peliculas_idioma/klingon",
        "/peliculas_duracion/zzzz",
        "/franquicia/nada",
        "/peliculas_pais/narnia",
        "/productoras_exitosas/nadie",
        "/cantidad_filmaciones_dia/lunez",
    ],
)
def test_statement_unknown_names(client, url):
    body = problem(client, url, 404)
    assert isinstance(body["suggestions"], list) and len(body["suggestions"]) <= 5


def test_unknown_route_and_method(client):
    problem(client, "/nope", 404)
    response = client.post("/actors/tom hanks")
    assert response.status_code == 405
    assert response.headers["content-type"].startswith(PROBLEM)


def test_invalid_argument_problem_type(client):
    assert problem(client, "/actors/%20", 400)["type"] == INVALID_ARGUMENT


def test_encoded_slash_stays_in_the_name(client):
    body = ok(client, "/score_titulo/Face%2FOff")
    assert (body["movie_id"], body["title"]) == (900005, "Face/Off")
    assert ok(client, "/peliculas_duracion/face%2foff")["runtime"] == 138
    assert problem(client, "/actors/..%2F..%2Fetc%2Fpasswd", 404)["detail"] == (
        "No actor matches '../../etc/passwd'."
    )


def test_repeated_answers_come_from_the_response_cache(client):
    first = ok(client, "/franchises/TOY  story")
    before = ok(client, "/health")["cache"]["responses"]
    assert ok(client, "/franchises/TOY  story") == first
    assert ok(client, "/health")["cache"]["responses"] == before
    ok(client, "/franchises/TOY  STORY")
    assert ok(client, "/health")["cache"]["responses"] == before + 1


def test_an_unexpected_error_is_a_bare_500_problem(client, monkeypatch):
    from api.catalog.business import service as companies

    def broken(warehouse, name):
        raise RuntimeError("secret internals")

    monkeypatch.setattr(companies, "company_success", broken)
    response = client.get("/companies/anything at all 500")
    assert response.status_code == 500
    assert response.headers["content-type"].startswith(PROBLEM)
    body = response.json()
    assert body["status"] == 500 and body["title"] == "Internal Server Error"
    assert "secret" not in response.text and "Traceback" not in response.text
