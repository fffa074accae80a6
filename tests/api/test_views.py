"""The api views on the fixture build, checked against answers computed here in Python from
the marts (an oracle independent of the SQL under test)."""

from __future__ import annotations

from collections import defaultdict

import pytest

from api.lookup import name_key


def rows(con, sql, params=()):
    return con.execute(sql, list(params)).fetchall()


@pytest.fixture(scope="module")
def marts(api_db):
    movies = {
        movie_id: {"title": title, "return": ret, "revenue": revenue, "date": date}
        for movie_id, title, ret, revenue, date in rows(
            api_db,
            'select movie_id, title, "return", revenue, release_date from main.movies',
        )
    }
    names = dict(rows(api_db, "select person_id, name from main.people"))
    cast = rows(api_db, "select person_id, movie_id from main.movie_cast")
    directed = rows(api_db, "select person_id, movie_id from main.directors")
    return movies, names, cast, directed


def test_actor_success_matches_oracle(api_db, marts):
    movies, names, cast, directed = marts
    directed_pairs = set(directed)
    films = defaultdict(set)
    for person_id, movie_id in cast:
        if (person_id, movie_id) not in directed_pairs and movie_id in movies:
            films[person_id].add(movie_id)
    expected = {
        person_id: (
            names[person_id],
            name_key(names[person_id]),
            len(ids),
            pytest.approx(sum(movies[m]["return"] for m in ids)),
        )
        for person_id, ids in films.items()
    }
    got = {
        person_id: (name, key, n, total)
        for person_id, name, key, n, total, average in rows(
            api_db,
            "select person_id, name, name_key, films, total_return, average_return "
            "from api.actor_success",
        )
    }
    assert got == expected


def test_actor_success_excludes_films_the_person_directed(api_db):
    # Frank Sinatra acted only in the film he directed (None But the Brave).
    assert rows(api_db, "select * from api.actor_success where name_key = 'frank sinatra'") == []
    assert rows(
        api_db, "select films from api.director_success where name_key = 'frank sinatra'"
    ) == [(1,)]


def test_director_success_and_films_match_oracle(api_db, marts):
    movies, _, _, directed = marts
    films = defaultdict(set)
    for person_id, movie_id in directed:
        films[person_id].add(movie_id)
    for person_id, n, total, average in rows(
        api_db,
        "select person_id, films, total_return, average_return from api.director_success",
    ):
        assert n == len(films[person_id])
        assert total == pytest.approx(sum(movies[m]["return"] for m in films[person_id]))
        assert average == pytest.approx(total / n)
        listed = rows(
            api_db,
            "select movie_id, release_date from api.director_films where person_id = ? "
            "order by film_order",
            [person_id],
        )
        assert {m for m, _ in listed} == films[person_id]
        assert [d for _, d in listed] == sorted(d for _, d in listed)


def test_name_rank_prefers_more_films(api_db):
    ranked = rows(
        api_db,
        "select person_id, films, name_rank from api.actor_success "
        "where name_key = 'tom hanks' order by name_rank",
    )
    assert [r[2] for r in ranked] == [1, 2]
    assert ranked[0][1] > ranked[1][1]
    assert ranked[1][0] == 900001


def test_movie_by_title_ranks_by_popularity(api_db):
    ranked = rows(
        api_db,
        "select movie_id, title_rank from api.movie_by_title where title_key = 'heat' "
        "order by title_rank",
    )
    assert ranked == [(949, 1), (900003, 2)]
    total = rows(api_db, "select count(*) from api.movie_by_title")[0][0]
    assert total == rows(api_db, "select count(*) from main.movies")[0][0]


def test_release_views_cover_every_month_and_weekday(api_db):
    months = rows(api_db, "select month, films from api.films_by_month order by month")
    assert [m for m, _ in months] == list(range(1, 13))
    expected = defaultdict(int)
    for (date,) in rows(api_db, "select release_date from main.movies"):
        expected[date.month] += 1
    assert dict(months) == {m: expected[m] for m in range(1, 13)}
    weekdays = rows(api_db, "select weekday, films from api.films_by_weekday order by weekday")
    expected_days = defaultdict(int)
    for (date,) in rows(api_db, "select release_date from main.movies"):
        expected_days[date.isoweekday()] += 1
    assert dict(weekdays) == {d: expected_days[d] for d in range(1, 8)}


def test_franchise_average_counts_films_without_revenue(api_db, marts):
    movies, *_ = marts
    by_collection = defaultdict(list)
    for movie_id, collection_id in rows(
        api_db, "select movie_id, collection_id from main.movies where collection_id is not null"
    ):
        by_collection[collection_id].append(movies[movie_id]["revenue"])
    for collection_id, films, total, average in rows(
        api_db,
        "select collection_id, films, total_revenue, average_revenue from api.franchise_success",
    ):
        revenues = by_collection[collection_id]
        assert (films, total) == (len(revenues), sum(revenues))
        assert average == pytest.approx(sum(revenues) / len(revenues))


def test_country_and_company_count_distinct_films(api_db):
    for view, key, bridge, bridge_key in [
        ("films_by_country", "country_code", "movie_countries", "country_code"),
        ("company_success", "company_id", "movie_companies", "company_id"),
    ]:
        got = dict(rows(api_db, f"select {key}, films from api.{view} where films > 0"))
        expected = dict(
            rows(
                api_db,
                f"select {bridge_key}, count(distinct movie_id) from main.{bridge} "
                f"group by {bridge_key}",
            )
        )
        assert got == expected


def test_keys_are_computed_by_the_python_rule_too(api_db):
    for view, label, key in [
        ("actor_success", "name", "name_key"),
        ("director_success", "name", "name_key"),
        ("movie_by_title", "title", "title_key"),
        ("company_success", "company", "company_key"),
        ("franchise_success", "franchise", "franchise_key"),
        ("films_by_country", "country_es", "country_es_key"),
        ("films_by_language", "language_es", "language_es_key"),
    ]:
        for name, stored in rows(api_db, f"select {label}, {key} from api.{view}"):
            assert stored == (name_key(name) if name is not None else None), (view, name)
