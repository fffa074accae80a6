"""The API on the full build, against figures published by peers and the 45,346 films."""

from __future__ import annotations

import pytest

from api.lookup import name_key

pytestmark = pytest.mark.full_data


def test_john_lasseter(full_client):
    body = full_client.get("/directors/john lasseter").json()
    assert body["films"] == 10
    assert round(body["total_return"], 3) == 27.654
    assert len(body["movies"]) == 10
    dates = [movie["release_date"] for movie in body["movies"]]
    assert dates == sorted(dates)
    statement = full_client.get("/get_director/John Lasseter").json()
    assert statement["mensaje"].startswith("El director John Lasseter ha dirigido 10 películas")


def test_toy_story_return(full_client):
    assert round(full_client.get("/movies/862").json()["return"], 4) == 12.4518
    movies = full_client.get("/directors/john lasseter").json()["movies"]
    assert round(next(m for m in movies if m["movie_id"] == 862)["return"], 4) == 12.4518


def test_12_angry_men_votes(full_client):
    body = full_client.get("/votos_titulo/12 angry men").json()
    assert (body["movie_id"], body["release_year"]) == (389, 1957)
    assert (body["vote_count"], body["vote_average"]) == (2130, 8.2)
    assert [o["release_year"] for o in body["otras_coincidencias"]] == [1997]
    assert full_client.get("/movies", params={"title": "12 Angry Men"}).json()["total"] == 2


def test_enero(full_client):
    assert full_client.get("/releases/months/enero").json()["films"] == 5909
    body = full_client.get("/cantidad_filmaciones_mes/Enero").json()
    assert body["mensaje"] == "5909 cantidad de películas fueron estrenadas en el mes de enero"


def test_every_film_is_counted(full_db):
    for sql in [
        "select count(*) from api.movie_by_title",
        "select sum(films) from api.films_by_month",
        "select sum(films) from api.films_by_weekday",
        # 24 films have no original language
        "select sum(films) + (select count(*) from main.movies where original_language is null) "
        "from api.films_by_language",
    ]:
        assert full_db.execute(sql).fetchone()[0] == 45346, sql


def test_actors_exclude_films_they_directed(full_db, full_client):
    # Clint Eastwood acted in films he directed; the actor answer leaves those out.
    expected = full_db.execute(
        """
        select count(*), sum(m."return") from (
            select distinct movie_id from main.movie_cast where person_id = 190
            except
            select movie_id from main.directors where person_id = 190
        ) as acted join main.movies as m using (movie_id)
        """
    ).fetchone()
    body = full_client.get("/actors/clint eastwood").json()
    assert body["person_id"] == 190
    assert body["films"] == expected[0]
    assert body["total_return"] == pytest.approx(expected[1])


def test_shared_name_keys_answer_the_person_with_most_films(full_client):
    body = full_client.get("/actors/david bradley").json()
    assert [a["films"] for a in body["alternatives"]] == sorted(
        (a["films"] for a in body["alternatives"]), reverse=True
    )
    assert body["films"] >= max(a["films"] for a in body["alternatives"])
    assert len(body["alternatives"]) == 2


def test_accents_and_spanish_names(full_client):
    assert full_client.get("/directors/pedro almodovar").json()["director"] == "Pedro Almodóvar"
    assert full_client.get("/countries/España").json()["code"] == "ES"
    assert full_client.get("/languages/inglés").json()["code"] == "en"
    assert full_client.get("/releases/weekdays/miercoles").json()["weekday"] == 3


def test_stored_keys_follow_the_python_rule(full_db):
    for view, label, key in [
        ("actor_success", "name", "name_key"),
        ("director_success", "name", "name_key"),
        ("movie_by_title", "title", "title_key"),
        ("company_success", "company", "company_key"),
        ("franchise_success", "franchise", "franchise_key"),
    ]:
        rows = full_db.execute(f"select {label}, {key} from api.{view}").fetchall()
        mismatches = [(name, stored) for name, stored in rows if stored != name_key(name)]
        assert mismatches[:5] == [], view
