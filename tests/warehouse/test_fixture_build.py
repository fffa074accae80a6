"""The hand-written raw fixture (tests/fixtures/raw) builds and quarantines exactly what it should.

The expected figures were worked out independently of the build (tests/fixtures/expected.py,
checked by tests/fixtures/compute_expected.py with pandas and ast.literal_eval).
"""

import pytest

from tests.conftest import FIXTURE_RAW_ORIGINAL, build_quietly, scalar
from tests.fixtures.expected import EXPECTED, EXPECTED_ORIGINAL_LAYOUT


def rejected_counts(con) -> dict:
    rows = con.execute(
        "select source, reason, count(*) from audit.rejected_rows group by all"
    ).fetchall()
    return {(source, reason): n for source, reason, n in rows}


def test_films_and_rejections(fixture_db):
    films = [r[0] for r in fixture_db.execute("select movie_id from movies order by 1").fetchall()]
    assert films == sorted(EXPECTED["film_ids"])
    assert len(films) == EXPECTED["films"]
    assert rejected_counts(fixture_db) == EXPECTED["rejected"]


def test_every_record_read_is_kept_or_rejected(fixture_db):
    rows = fixture_db.execute(
        "select source_file, rows_read, rows_kept, rows_rejected from audit.build_summary "
        "where source in ('movies', 'credits', 'keywords', 'links', 'ratings')"
    ).fetchall()
    read = {f"movies/{name}": n for name, n, _, _ in rows}
    assert read == EXPECTED["rows_read"]
    for _, n_read, kept, rejected in rows:
        assert n_read == kept + rejected
    kept = {name: k for name, _, k, _ in rows}
    assert kept["credits.csv"] == EXPECTED["credits_kept"]
    assert kept["keywords.csv"] == EXPECTED["keywords_kept"]


@pytest.mark.parametrize(
    ("table", "key"),
    [
        ("movie_genres", "movie_genres"),
        ("movie_cast", "movie_cast_distinct"),
        ("movie_crew", "movie_crew_distinct"),
        ("directors", "directors_distinct"),
        ("movie_keywords", "movie_keywords"),
        ("links", "links"),
        ("ratings", "ratings"),
    ],
)
def test_bridge_counts(fixture_db, table, key):
    assert scalar(fixture_db, f"select count(*) from main.{table}") == EXPECTED[key]


def test_null_movie_ids_where_no_film_matches(fixture_db):
    assert (
        scalar(fixture_db, "select count(*) from links where movie_id is null")
        == EXPECTED["links_null_movie_id"]
    )
    assert (
        scalar(fixture_db, "select count(*) from ratings where movie_id is null")
        == EXPECTED["ratings_null_movie_id"]
    )


def test_first_valid_occurrence_of_a_duplicate_wins(fixture_db):
    spot = EXPECTED["spot"]
    row = fixture_db.execute(
        "select popularity, vote_count from movies where movie_id = 15028"
    ).fetchall()[0]
    assert row == (float(spot["dup_15028_popularity"]), int(float(spot["dup_15028_vote_count"])))
    assert (
        scalar(fixture_db, "select title from movies where movie_id = 4912")
        == spot["dup_4912_title"]
    )
    assert (
        str(scalar(fixture_db, "select release_date from movies where movie_id = 5511"))
        == (spot["dup_5511_release_date"])
    )
    names = fixture_db.execute(
        "select p.name from movie_cast c join people p using (person_id) "
        "where c.movie_id = 8844 order by c.cast_position"
    ).fetchall()
    assert [n for (n,) in names] == spot["credits_8844_cast"]
    assert (
        scalar(fixture_db, "select count(*) from movie_keywords where movie_id = 862")
        == (spot["keywords_862_count"])
    )


def test_escapes_are_decoded(fixture_db):
    spot = EXPECTED["spot"]

    def names(sql):
        return [r[0] for r in fixture_db.execute(sql).fetchall()]

    assert (
        names(
            "select p.name from movie_cast c join people p using (person_id) "
            "where movie_id = 949 order by cast_position"
        )
        == spot["cast_949_names"]
    )
    assert (
        names("select character from movie_cast where movie_id = 949 order by cast_position")
        == spot["cast_949_characters"]
    )
    assert (
        names(
            "select k.name from movie_keywords join keywords k using (keyword_id) "
            "where movie_id = 85 and k.name like 'archeology%'"
        )
        == spot["keyword_85_nbsp"]
    )
    assert set(spot["company_135670_backslash"]) <= set(
        names(
            "select c.name from movie_companies join companies c using (company_id) "
            "where movie_id = 135670"
        )
    )
    assert set(spot["company_375742_tab"]) <= set(
        names(
            "select c.name from movie_companies join companies c using (company_id) "
            "where movie_id = 375742"
        )
    )
    assert set(spot["company_352200_zwsp"]) <= set(
        names(
            "select c.name from movie_companies join companies c using (company_id) "
            "where movie_id = 352200"
        )
    )
    collection = spot["collection_43407"]
    assert names(f"select name from collections where collection_id = {collection['id']}") == [
        collection["name"]
    ]
    assert (
        names(
            "select p.name from directors d join people p using (person_id) "
            "where movie_id = 920 order by p.name"
        )
        == spot["directors_920"]
    )


def test_unparseable_nested_value_is_quarantined_with_its_raw_text(fixture_db):
    row = fixture_db.execute(
        "select source_file, line_number, raw_record->>'id' from audit.rejected_rows "
        "where reason = 'unparseable_nested'"
    ).fetchall()
    assert row == [("movies_dataset.csv", 6, "11862")]


def test_return_rule_and_dropped_columns(fixture_db):
    columns = {r[0] for r in fixture_db.execute("describe movies").fetchall()}
    assert not columns & {"video", "imdb_id", "adult", "original_title", "poster_path", "homepage"}
    assert scalar(fixture_db, "select budget from movies where movie_id = 45325") == 0
    assert scalar(fixture_db, "select revenue from movies where movie_id = 50794") == 0
    assert scalar(fixture_db, 'select count(*) from movies where budget = 0 and "return" <> 0') == 0


def test_original_kaggle_layout_gives_the_same_warehouse(fixture_db, tmp_path):
    """Kaggle's movies_metadata.csv, corrupt records split across two physical lines."""
    build_file = build_quietly(FIXTURE_RAW_ORIGINAL, tmp_path / "warehouse.duckdb")
    import duckdb

    con = duckdb.connect(str(build_file), read_only=True)
    try:
        read = scalar(con, "select rows_read from audit.build_summary where source = 'movies'")
        assert read == EXPECTED_ORIGINAL_LAYOUT["rows_read"]["movies/movies_metadata.csv"]
        assert rejected_counts(con) == EXPECTED_ORIGINAL_LAYOUT["rejected"]
        for table in ("movies", "movie_genres", "movie_cast", "directors", "ratings"):
            sql = f"select * from main.{table} order by all"
            assert con.execute(sql).fetchall() == fixture_db.execute(sql).fetchall(), table
        assert (
            scalar(con, "select source_file from audit.build_summary where source = 'movies'")
            == "movies_metadata.csv"
        )
    finally:
        con.close()
