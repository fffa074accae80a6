"""Entity pages and ids on the fixture build: `/people/{id}`, `/collections/{id}`, the lists
`/genres`, `/languages`, `/countries`, `/find/{external_id}`; answers checked against oracles
computed here from the marts, and every id the other routes answer resolved through them."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

import pytest

from api.paging import MAX_LIMIT, TOTAL_COUNT
from api.problems import INVALID_ARGUMENT, NO_MATCH, UNKNOWN_NAME
from tests.api.test_routes import ok, problem


def rows(con, sql, params=()):
    return con.execute(sql, list(params)).fetchall()


# -- /people --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def credits_oracle(api_db):
    """Each person's answer, built in Python from the marts: credits in films of `movies`,
    newest first (release date, then movie_id, then the position in the film's list)."""
    films = {
        movie_id: (title, year, released)
        for movie_id, title, year, released in rows(
            api_db, "select movie_id, title, release_year, release_date from main.movies"
        )
    }
    cast = defaultdict(list)
    for movie_id, position, person_id, order, character in rows(
        api_db,
        'select movie_id, cast_position, person_id, cast_order, "character" from main.movie_cast',
    ):
        if movie_id in films:
            title, year, released = films[movie_id]
            credit = {
                "movie_id": movie_id,
                "title": title,
                "release_year": year,
                "character": character,
                "order": order,
            }
            cast[person_id].append(((released, movie_id, position), credit))
    crew = defaultdict(list)
    for movie_id, position, person_id, job, department in rows(
        api_db, "select movie_id, crew_position, person_id, job, department from main.movie_crew"
    ):
        if movie_id in films:
            title, year, released = films[movie_id]
            credit = {
                "movie_id": movie_id,
                "title": title,
                "release_year": year,
                "job": job,
                "department": department,
            }
            crew[person_id].append(((released, movie_id, position), credit))

    def newest_first(entries):
        # Release date descending (undated last), then movie_id and position ascending.
        ordered = sorted(entries, key=lambda e: (e[0][1], e[0][2]))
        ordered.sort(key=lambda e: e[0][0] or date.min, reverse=True)
        return [credit for _, credit in ordered]

    return {
        person_id: {
            "person_id": person_id,
            "name": name,
            "gender": gender,
            "cast": newest_first(cast[person_id]),
            "crew": newest_first(crew[person_id]),
        }
        for person_id, name, gender in rows(api_db, "select person_id, name, gender from people")
    }


def test_every_person_answers_their_credits_newest_first(client, credits_oracle):
    assert len(credits_oracle) > 50
    for person_id, expected in credits_oracle.items():
        assert ok(client, f"/people/{person_id}") == expected


def test_person_with_credits_in_several_years(client):
    lasseter = ok(client, "/people/7879")
    assert lasseter["name"] == "John Lasseter" and lasseter["cast"] == []
    years = [credit["release_year"] for credit in lasseter["crew"]]
    assert years == sorted(years, reverse=True) and len(set(years)) > 3
    # Two jobs on Cars: crew order within the film (Screenplay listed before Director).
    assert [(c["movie_id"], c["job"]) for c in lasseter["crew"][:2]] == [
        (920, "Screenplay"),
        (920, "Director"),
    ]
    hanks = ok(client, "/people/31")
    assert [c["movie_id"] for c in hanks["cast"]] == [10193, 863, 862]
    assert hanks["cast"][0] == {
        "movie_id": 10193,
        "title": "Toy Story 3",
        "release_year": 2010,
        "character": "Woody (voice)",
        "order": 0,
    }


def test_films_released_the_same_day_are_in_movie_id_order(client):
    crew = ok(client, "/people/900007")["crew"]
    # Waiting to Exhale (1995-12-22), then Heat and Sabrina (both 1995-12-15) by movie_id.
    assert [credit["movie_id"] for credit in crew] == [31357, 949, 11860]


def test_person_without_films_answers_empty_lists(client):
    assert ok(client, "/people/900006") == {
        "person_id": 900006,
        "name": "Nobody Credited",
        "gender": 0,
        "cast": [],
        "crew": [],
    }


def test_unknown_person_is_a_404_problem(client):
    body = problem(client, "/people/99999999", 404)
    assert body["type"] == UNKNOWN_NAME
    assert body["detail"] == "No person matches 'id 99999999'."
    assert body["suggestions"] == []


@pytest.mark.parametrize("person_id", ["0", "-1", str(2**31), "99999999999999999999"])
def test_malformed_person_id_is_a_400_problem(client, person_id):
    assert problem(client, f"/people/{person_id}", 400)["type"] == INVALID_ARGUMENT


@pytest.mark.parametrize("path", ["/people/abc", "/people/1.5", "/collections/x"])
def test_non_integer_id_matches_no_route(client, path):
    # As /movies/abc: the routes take integer ids, another segment names no resource.
    problem(client, path, 404)


# -- /collections ---------------------------------------------------------------------------


def test_collection_lists_its_films_in_release_order(client):
    assert ok(client, "/collections/10194") == {
        "collection_id": 10194,
        "name": "Toy Story Collection",
        "films": 3,
        "total_revenue": 1937890605,
        "movies": [
            {
                "movie_id": 862,
                "title": "Toy Story",
                "release_date": "1995-10-30",
                "release_year": 1995,
                "revenue": 373554033,
            },
            {
                "movie_id": 863,
                "title": "Toy Story 2",
                "release_date": "1999-10-30",
                "release_year": 1999,
                "revenue": 497366869,
            },
            {
                "movie_id": 10193,
                "title": "Toy Story 3",
                "release_date": "2010-06-16",
                "release_year": 2010,
                "revenue": 1066969703,
            },
        ],
    }


def test_every_collection_matches_the_marts_and_its_franchise(client, api_db):
    films = defaultdict(list)
    for collection_id, movie_id, released, revenue in rows(
        api_db,
        "select collection_id, movie_id, release_date, revenue from main.movies "
        "where collection_id is not null",
    ):
        films[collection_id].append((released or date.max, movie_id, revenue))
    collections = rows(api_db, "select collection_id, name from main.collections")
    assert len(collections) > 3
    for collection_id, name in collections:
        body = ok(client, f"/collections/{collection_id}")
        expected = sorted(films[collection_id])
        assert body["name"] == name
        assert [film["movie_id"] for film in body["movies"]] == [m for _, m, _ in expected]
        assert body["films"] == len(expected)
        assert body["total_revenue"] == sum(revenue for *_, revenue in expected)
        franchise = ok(client, f"/franchises/{name}")
        if franchise["collection_id"] == collection_id:
            assert (franchise["films"], franchise["total_revenue"]) == (
                body["films"],
                body["total_revenue"],
            )


def test_unknown_and_malformed_collections(client):
    assert problem(client, "/collections/1", 404)["type"] == UNKNOWN_NAME
    assert problem(client, "/collections/0", 400)["type"] == INVALID_ARGUMENT


# -- /genres, /languages, /countries --------------------------------------------------------


def listed(client, url, **params):
    response = client.get(url, params=params or None)
    assert response.status_code == 200, response.text
    body = response.json()
    assert isinstance(body, list)
    return body, int(response.headers[TOTAL_COUNT])


def test_genres_is_a_plain_array_most_films_first(client, api_db):
    counts = dict(rows(api_db, "select genre_id, count(*) from main.movie_genres group by 1"))
    expected = sorted(
        (
            {"genre_id": genre_id, "name": name, "films": counts.get(genre_id, 0)}
            for genre_id, name in rows(api_db, "select genre_id, name from main.genres")
        ),
        key=lambda genre: (-genre["films"], genre["genre_id"]),
    )
    body, total = listed(client, "/genres")
    assert body == expected
    assert total == len(expected) > 10


@pytest.mark.parametrize("url", ["/genres", "/languages", "/countries"])
def test_lists_page_with_limit_and_offset(client, url):
    whole, total = listed(client, url)
    assert len(whole) == min(total, MAX_LIMIT)
    page, page_total = listed(client, url, limit=2, offset=1)
    assert page == whole[1:3] and page_total == total
    assert listed(client, url, offset=total) == ([], total)
    for params in ({"limit": 0}, {"limit": MAX_LIMIT + 1}, {"offset": -1}, {"limit": "x"}):
        assert problem(client, url, 400, **params)["type"] == INVALID_ARGUMENT


@pytest.mark.parametrize(
    ("url", "relation"), [("/languages", "films_by_language"), ("/countries", "films_by_country")]
)
def test_language_and_country_lists_hold_what_each_code_answers(client, api_db, url, relation):
    body, total = listed(client, url)
    assert total == len(body) == rows(api_db, f"select count(*) from api.{relation}")[0][0]
    films = [item["films"] for item in body]
    assert films == sorted(films, reverse=True) and films[0] > 0
    for item in body[:5] + body[-2:]:
        assert ok(client, f"{url}/{item['code']}") == item


# -- /find ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "/find/tt0114709",
        "/find/TT0114709",
        "/find/tt114709",
        "/find/1",
        "/find/0001",
        "/find/114709?source=imdb",
        "/find/tt0114709?source=IMDb",
        "/find/1?source=%20movielens%20",
    ],
)
def test_find_answers_the_film_as_movies_does(client, url):
    response = client.get(url)
    assert response.status_code == 200, response.text
    assert response.json() == ok(client, "/movies/862")
    assert response.headers["content-location"] == "/movies/862"


def test_find_unknown_ids_are_404_problems(client):
    unknown = problem(client, "/find/tt9999999", 404)
    assert unknown["type"] == UNKNOWN_NAME
    assert unknown["detail"] == "No film matches 'IMDb tt9999999'."
    # A MovieLens id is never written with tt.
    assert problem(client, "/find/tt0114709?source=movielens", 404)["type"] == UNKNOWN_NAME
    # links.csv names a TMDB film the catalogue lacks, or none at all.
    lacks = problem(client, "/find/5", 404)
    assert lacks["type"] == NO_MATCH
    assert lacks["detail"] == "MovieLens 5 is TMDB film 11862, which the catalogue lacks."
    assert problem(client, "/find/720", 404)["type"] == NO_MATCH


@pytest.mark.parametrize(
    "url", ["/find/x1", "/find/tt", "/find/1234567890", "/find/tt-1", "/find/1%201", "/find/ 1"]
)
def test_find_malformed_ids_are_400_problems(client, url):
    body = problem(client, url, 400)
    assert body["type"] == INVALID_ARGUMENT


def test_find_bad_source_is_a_400_naming_the_sources(client):
    body = problem(client, "/find/1", 400, source="tmdb")
    assert body["detail"] == "source must be one of: imdb, movielens."


# -- every id the API answers leads somewhere -----------------------------------------------


def test_every_id_in_answers_is_resolvable(client):
    """Walk answers of the other routes and resolve each movie, person and collection id."""
    movies, people, collections = set(), set(), set()

    def alternatives(body):
        return {alternative["id"] for alternative in body["alternatives"]}

    for title in ("toy story", "heat", "cars"):
        movies |= {item["movie_id"] for item in ok(client, "/movies", title=title)["items"]}
    for name in ("tom hanks", "harrison ford"):
        actor = ok(client, f"/actors/{name}")
        people |= {actor["person_id"]} | alternatives(actor)
    for name in ("john lasseter", "pedro almodovar", "brad bird"):
        director = ok(client, f"/directors/{name}")
        people |= {director["person_id"]} | alternatives(director)
        movies |= {film["movie_id"] for film in director["movies"]}
    franchise = ok(client, "/franchises/toy story")
    collections |= {franchise["collection_id"]} | alternatives(franchise)
    movies |= {item["movie_id"] for item in ok(client, "/movies/862/similar")["items"]}
    movies |= {ok(client, "/find/tt0114709")["movie_id"]}
    for movie_id in sorted(movies):
        film = ok(client, f"/movies/{movie_id}")
        people |= {person["person_id"] for person in film["directors"] + film["top_cast"]}
        if film["collection"] is not None:
            collections.add(film["collection"]["collection_id"])
    for person_id in sorted(people):
        person = ok(client, f"/people/{person_id}")
        movies |= {credit["movie_id"] for credit in person["cast"] + person["crew"]}
    for collection_id in sorted(collections):
        movies |= {
            film["movie_id"] for film in ok(client, f"/collections/{collection_id}")["movies"]
        }
    for movie_id in sorted(movies):
        ok(client, f"/movies/{movie_id}")
    assert len(movies) > 10 and len(people) > 10 and len(collections) > 2


@pytest.mark.full_data
def test_full_ids_resolve(full_client):
    """On the full build: the ids of a film, a director, a collection and a person resolve."""
    film = ok(full_client, "/find/tt0114709")
    assert film == ok(full_client, "/movies/862")
    people = {p["person_id"] for p in film["directors"] + film["top_cast"]}
    people |= {ok(full_client, "/directors/john lasseter")["person_id"]}
    collection = ok(full_client, f"/collections/{film['collection']['collection_id']}")
    movies = {m["movie_id"] for m in collection["movies"]}
    for person_id in sorted(people):
        person = ok(full_client, f"/people/{person_id}")
        movies |= {credit["movie_id"] for credit in person["cast"] + person["crew"]}
    for movie_id in sorted(movies):
        ok(full_client, f"/movies/{movie_id}")
    assert len(movies) > 30
