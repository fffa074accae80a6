"""The full shared data builds with the statement's figures, checked against pandas.

The pandas computations here are independent of the SQL: they read the raw files the way the
bootcamp projects do and apply the statement's rules.
"""

from __future__ import annotations

import ast
import csv
import io
import os
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from tests.conftest import build_quietly, scalar

pytestmark = pytest.mark.full_data


@pytest.fixture(scope="module")
def raw_movies(full_raw) -> pd.DataFrame:
    return pd.read_csv(full_raw / "movies" / "movies_dataset.csv", dtype=str, keep_default_na=False)


def pandas_films(raw: pd.DataFrame) -> pd.DataFrame:
    ids = pd.to_numeric(raw["id"], errors="coerce")
    dates = pd.to_datetime(raw["release_date"], format="%Y-%m-%d", errors="coerce")
    valid = raw[ids.notna() & dates.notna()].copy()
    valid["movie_id"] = pd.to_numeric(valid["id"]).astype(int)
    return valid.drop_duplicates("movie_id", keep="first")


def test_movies_count_is_45346_and_matches_pandas(full_db, raw_movies):
    films = pandas_films(raw_movies)
    assert len(films) == 45_346
    assert scalar(full_db, "select count(*) from movies") == 45_346
    ours = {r[0] for r in full_db.execute("select movie_id from movies").fetchall()}
    assert ours == set(films["movie_id"])


def test_first_occurrence_of_duplicates_is_kept(full_db, raw_movies):
    films = pandas_films(raw_movies).set_index("movie_id")
    dup_ids = raw_movies["id"][raw_movies["id"].duplicated()].unique()
    rows = full_db.execute(
        "select movie_id, title, popularity, vote_count from movies where movie_id in "
        f"({','.join(str(int(i)) for i in dup_ids)})"
    ).fetchall()
    assert len(rows) == len(dup_ids) == 29
    for movie_id, title, popularity, vote_count in rows:
        expected = films.loc[movie_id]
        assert title == expected["title"]
        assert popularity == float(expected["popularity"])
        assert vote_count == int(float(expected["vote_count"]))


def test_quarantine_reasons_and_nothing_unexplained(full_db):
    reasons = dict(
        ((s, r), n)
        for s, r, n in full_db.execute(
            "select source, reason, count(*) from audit.rejected_rows group by all"
        ).fetchall()
    )
    assert reasons[("movies", "non_numeric_id")] == 3
    assert reasons[("movies", "invalid_release_date")] == 87
    assert reasons[("movies", "duplicate_id")] == 30
    assert ("movies", "unparseable_nested") not in reasons
    summary = full_db.execute(
        "select source, rows_read, rows_kept, rows_rejected from audit.build_summary"
    ).fetchall()
    expected_read = {
        "movies": 45_466,
        "credits": 45_476,
        "keywords": 46_419,
        "links": 45_843,
        "ratings": 100_004,
        "amazon": 9_668,
        "disney": 1_450,
        "hulu": 3_073,
        "netflix": 8_807,
        "title_scores": 22_998,
        "feedback": 0,  # the feedback store's snapshot: no store beside a test build
    }
    assert {s: n for s, n, _, _ in summary} == expected_read
    assert all(n == k + r for _, n, k, r in summary)


def test_build_summary_checksums_match_sha256sums(full_db, full_raw):
    sums_file = full_raw / "SHA256SUMS"
    if not sums_file.exists():
        pytest.skip("no SHA256SUMS beside the raw data")
    sums = {}
    for line in sums_file.read_text().splitlines():
        digest, name = line.split(maxsplit=1)
        sums[name.lstrip("*")] = digest
    for file_path, digest in full_db.execute(
        "select file_path, file_sha256 from audit.build_summary where source != 'feedback'"
    ).fetchall():
        relative = str(Path(file_path).relative_to(full_raw))
        assert sums[relative] == digest


def test_statement_rules_on_real_values(full_db):
    assert scalar(full_db, 'select round("return", 4) from movies where movie_id = 862') == 12.4518
    assert scalar(full_db, "select count(*) from movies where release_date is null") == 0
    assert (
        scalar(full_db, "select count(*) from movies where budget is null or revenue is null") == 0
    )
    assert scalar(full_db, 'select count(*) from movies where budget = 0 and "return" <> 0') == 0


def test_ratings_all_kept_with_tmdb_link(full_db, full_raw):
    raw = pd.read_csv(full_raw / "movies" / "ratings_small.csv")
    links = pd.read_csv(full_raw / "movies" / "links.csv")
    films = {r[0] for r in full_db.execute("select movie_id from movies").fetchall()}
    merged = raw.merge(links, on="movieId", how="left")
    expected_null = int((~merged["tmdbId"].isin(films)).sum())
    assert scalar(full_db, "select count(*) from ratings") == len(raw) == 100_004
    assert scalar(full_db, "select count(*) from ratings where movie_id is null") == expected_null


def test_genre_bridge_matches_literal_eval(full_db, raw_movies):
    films = pandas_films(raw_movies)
    pairs = {
        (mid, g["id"])
        for mid, text in zip(films["movie_id"], films["genres"], strict=True)
        for g in ast.literal_eval(text or "[]")
    }
    assert scalar(full_db, "select count(*) from movie_genres") == len(pairs)


DATE_IDS = {"1997-08-20", "2012-09-29", "2014-01-01"}


def csv_line(fields: list[str]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="").writerow(fields)
    return buffer.getvalue()


def kaggle_original_layout(shared_movies: Path, out: Path) -> Path:
    """Rewrite the 3 corrupt pairs the way Kaggle's original file stores them: an unquoted
    overview with a raw line break ends a 10-field line; the next, 15-field line starts with
    the overview's tail and a stray quote. The shared copy stores both padded to 24 fields."""
    out.mkdir(parents=True)
    for name in ("credits.csv", "keywords.csv", "links.csv", "ratings_small.csv"):
        os.symlink(shared_movies / name, out / name)
    lines = (shared_movies / "movies_dataset.csv").read_bytes().decode("utf-8").split("\r\n")
    rewritten: list[str] = []
    for line in lines:
        fields = next(csv.reader([line])) if line else []
        if len(fields) == 24 and fields[5] in DATE_IDS:
            before = next(csv.reader([rewritten[-1]]))
            rewritten[-1] = csv_line([*before[:9], "An overview cut by a raw line break"])
            rewritten.append(' - Written by \u00d8rn\u00e5s",' + csv_line(fields[1:15]))
        else:
            rewritten.append(line)
    (out / "movies_metadata.csv").write_bytes("\r\n".join(rewritten).encode("utf-8"))
    return out


def test_kaggle_original_layout_gives_45346_films(full_raw, full_db, tmp_path):
    raw = tmp_path / "raw"
    kaggle_original_layout(full_raw / "movies", raw / "movies")
    os.symlink(full_raw / "streaming", raw / "streaming")
    text = (raw / "movies" / "movies_metadata.csv").read_bytes()
    assert text.count(b"Written by") == 3
    build_file = build_quietly(raw, tmp_path / "warehouse.duckdb", skip_recommenders=True)
    con = duckdb.connect(str(build_file), read_only=True)
    try:
        assert scalar(con, "select count(*) from movies") == 45_346
        sql = "select * from movies order by movie_id"
        assert con.execute(sql).fetchall() == full_db.execute(sql).fetchall()
        assert (
            scalar(
                con,
                "select count(*) from audit.rejected_rows where source = 'movies' "
                "and reason = 'non_numeric_id'",
            )
            == 3
        )
    finally:
        con.close()
