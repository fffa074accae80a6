"""The streaming catalogues: typed, lower-cased, repaired, linked to TMDB films."""

from __future__ import annotations

import pandas as pd
import pytest

from tests.conftest import scalar
from tests.fixtures.expected import EXPECTED

STREAMING = EXPECTED["streaming"]
FILES = {
    "amazon": "amazon_prime_titles.csv",
    "disney": "disney_plus_titles.csv",
    "hulu": "hulu_titles.csv",
    "netflix": "netflix_titles.csv",
}
PREFIX = {"amazon": "a", "disney": "d", "hulu": "h", "netflix": "n"}


def test_fixture_catalogues_are_read_whole(fixture_db):
    read = dict(
        fixture_db.execute("select source_file, rows_read from audit.build_summary").fetchall()
    )
    for name, rows in STREAMING["rows_read"].items():
        assert read[name.split("/")[1]] == rows
    titles = sum(rows for name, rows in STREAMING["rows_read"].items() if "titles" in name)
    assert scalar(fixture_db, "select count(*) from streaming_titles") == titles


def test_fixture_quirks(fixture_db):
    for platform, file_name in FILES.items():
        quirks = STREAMING["quirks"][file_name]
        prefix = PREFIX[platform]
        repaired = {
            r[0]
            for r in fixture_db.execute(
                "select title_id from audit.repaired_rows where source = ?", [platform]
            ).fetchall()
        }
        assert repaired == {prefix + s for s in quirks["duration_in_rating_col"]}
        for show_id in quirks["duration_in_rating_col"]:
            row = fixture_db.execute(
                "select rating, duration_int, duration_type from streaming_titles "
                "where title_id = ?",
                [prefix + show_id],
            ).fetchall()[0]
            assert row[0] == "g" and row[1] is not None and row[2] in ("min", "season")
        for show_id in quirks["date_added_leading_space"]:
            assert (
                scalar(
                    fixture_db,
                    "select date_added from streaming_titles where title_id = ?",
                    [prefix + show_id],
                )
                is not None
            )
        assert (
            scalar(
                fixture_db,
                "select count(*) from streaming_titles where platform = ? and type = 'tv show'",
                [platform],
            )
            == quirks["tv_shows"]
        )
        for show_id in quirks["cast_with_repeated_name"]:
            actors = [
                a
                for (a,) in fixture_db.execute(
                    "select actor from streaming_title_cast where title_id = ?", [prefix + show_id]
                ).fetchall()
            ]
            assert len(actors) == len(set(actors)) > 0


def test_text_is_lower_case_and_durations_normalized(fixture_db):
    assert (
        scalar(
            fixture_db,
            "select count(*) from streaming_titles where title <> lower(title) "
            "or rating <> lower(rating) or coalesce(director, '') <> lower("
            "coalesce(director, ''))",
        )
        == 0
    )
    types = {
        r[0]
        for r in fixture_db.execute(
            "select distinct duration_type from streaming_titles"
        ).fetchall()
    }
    assert types <= {"min", "season", None}


def test_hulu_has_no_cast(fixture_db):
    assert (
        scalar(fixture_db, "select count(*) from streaming_title_cast where title_id like 'h%'")
        == 0
    )


@pytest.mark.full_data
def test_full_catalogues_match_peer_figures(full_db):
    counts = dict(
        ((p, t), n)
        for p, t, n in full_db.execute(
            "select platform, type, count(*) from streaming_titles group by all"
        ).fetchall()
    )
    assert counts[("amazon", "movie")] == 7_814
    assert counts[("amazon", "tv show")] == 1_854
    assert scalar(full_db, "select count(*) from streaming_titles where rating = '13+'") == 2_117
    assert (
        scalar(full_db, "select titles from api.streaming_rating_counts where rating = '13+'")
        == 2_117
    )
    repaired = dict(
        full_db.execute("select source, count(*) from audit.repaired_rows group by 1").fetchall()
    )
    assert repaired == {"hulu": 292, "netflix": 3}


@pytest.mark.full_data
def test_full_catalogues_against_pandas(full_db, full_raw):
    for platform, file_name in FILES.items():
        raw = pd.read_csv(full_raw / "streaming" / file_name, dtype=str)
        movies = int((raw["type"] == "Movie").sum())
        assert (
            scalar(
                full_db,
                "select movies from api.streaming_platform_counts where platform = ?",
                [platform],
            )
            == movies
        )
        in_rating = raw["duration"].isna() & raw["rating"].str.fullmatch(
            r"\d+ (min|Seasons?)", na=False
        )
        assert scalar(
            full_db, "select count(*) from audit.repaired_rows where source = ?", [platform]
        ) == int(in_rating.sum())


@pytest.mark.full_data
def test_streaming_links_to_films(full_db):
    rows = full_db.execute(
        "select t.platform, count(m.title_id), count(*) from streaming_titles t "
        "left join streaming_title_movies m using (title_id) where t.type = 'movie' "
        "group by 1 order by 1"
    ).fetchall()
    rates = {p: linked / total for p, linked, total in rows}
    assert all(0.15 < rate < 0.7 for rate in rates.values()), rates
    # Well-known films link to their TMDB ids.
    links = dict(
        full_db.execute(
            "select title_id, movie_id from streaming_title_movies "
            "where title_id in ('ds1378', 'ns8415', 'ns7803')"
        ).fetchall()
    )
    assert links == {"ds1378": 862, "ns8415": 603, "ns7803": 680}
