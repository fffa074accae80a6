"""Feedback reaches the build, and `watch` rebuilds when it (or a raw file) changed.

One fixture build (a copy of tests/fixtures/raw, so a raw file can be broken later) with a
small feedback store: a new user 900001 rating four films (one no MovieLens id links to) and
then one of them again, MovieLens user 15 overriding their 2001 rating of Toy Story, and four
rows the build must quarantine. The watch test then rebuilds it once.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from tests.conftest import FIXTURE_RAW, REPO_ROOT_FOR_TESTS
from warehouse import feedback_store
from warehouse.build import build
from warehouse.inputs import read_inputs, snapshot_path
from warehouse.progress import BuildProgress
from warehouse.raw import resolve_raw_input
from warehouse.watch import BUILT, FAILED, NOTHING_TO_DO, Watcher, failed_marker

NEW_USER = 900001
#: TMDB films the new user rated: Toy Story, Jumanji, Dracula (two MovieLens ids link to it),
#: and a film no MovieLens id links to.
RATED = (862, 8844, 5511, 132166)
NO_MOVIELENS_ID = 132166
UNKNOWN_FILM = 999999


def write_store(path: Path) -> None:
    """The store, created without its CHECK constraints so that the rows the API would refuse
    can be written too (the build must not trust the store's checks)."""
    with sqlite3.connect(path) as con:
        con.execute(
            "create table ratings (id integer primary key autoincrement, user_id integer, "
            "movie_id integer, rating real, received_at text)"
        )
    con = feedback_store.open_for_writing(path)
    at = feedback_store.now
    feedback_store.append(con, NEW_USER, [(862, 5.0), (8844, 4.0), (5511, 4.5)], at())
    feedback_store.append(con, NEW_USER, [(NO_MOVIELENS_ID, 4.0)], at())
    feedback_store.append(con, 15, [(862, 4.5)], at())  # MovieLens user 15 gave it 2.0 in 2001
    feedback_store.append(con, NEW_USER, [(8844, 1.0)], at())  # changed their mind: 1.0 wins
    feedback_store.append(con, NEW_USER, [(UNKNOWN_FILM, 3.0)], at())
    feedback_store.append(con, NEW_USER, [(585, 7.0)], at())
    feedback_store.append(con, 0, [(585, 3.0)], at())
    con.execute(
        "insert into ratings (user_id, movie_id, rating, received_at) "
        "values (900002, 585, 3.0, 'yesterday')"
    )
    con.close()


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("feedback")
    shutil.copytree(FIXTURE_RAW, root / "raw")
    write_store(root / "feedback.sqlite")
    return root


@pytest.fixture(scope="module")
def build_file(site) -> Path:
    result = build(
        resolve_raw_input(site / "raw"),
        site / "warehouse.duckdb",
        BuildProgress(quiet=True),
        feedback_path=site / "feedback.sqlite",
    )
    return result.build_file


@pytest.fixture(scope="module")
def db(build_file):
    con = duckdb.connect(str(build_file), read_only=True)
    yield con
    con.close()


def test_ratings_hold_feedback_latest_wins(db):
    rows = db.execute(
        "select movie_id, movielens_id, rating::double, source, feedback_id from ratings "
        "where user_id = ? order by movie_id",
        [NEW_USER],
    ).fetchall()
    assert rows == [
        (862, 1, 5.0, "feedback", 1),
        (5511, 7587, 4.5, "feedback", 3),  # the MovieLens id with the ratings (links.serves_film)
        (8844, 2, 1.0, "feedback", 6),  # the later of the two
        (NO_MOVIELENS_ID, -NO_MOVIELENS_ID, 4.0, "feedback", 4),
    ]
    toy_story = db.execute(
        "select rating::double, source from ratings where user_id = 15 and movie_id = 862"
    ).fetchall()
    assert toy_story == [(4.5, "feedback")]
    assert db.execute(
        "select count(*) from ratings where source = 'movielens' and user_id = 15"
    ).fetchone()[0] == (
        db.execute(
            "select count(*) from staging.int_ratings_validated where user_id = 15 "
            "and rejection_reason is null"
        ).fetchone()[0]
        - 1
    )


def test_rejected_feedback_is_quarantined_with_reasons(db):
    rejected = db.execute(
        "select record_number, reason, line_number from audit.rejected_rows "
        "where source = 'feedback' order by record_number"
    ).fetchall()
    assert rejected == [
        (7, "unknown_film", None),
        (8, "invalid_rating", None),
        (9, "invalid_user_id", None),
        (10, "invalid_timestamp", None),
    ]


def test_build_summary_and_snapshot_relation(db, build_file):
    summary = db.execute(
        "select source_file, rows_read, rows_kept, rows_rejected from audit.build_summary "
        "where source = 'feedback'"
    ).fetchall()
    assert summary == [(snapshot_path(build_file).name, 10, 6, 4)]
    watermark, rows, snapshot_at = db.execute(
        "select watermark, feedback_rows, snapshot_at from api.feedback_snapshot"
    ).fetchone()
    assert (watermark, rows) == (10, 10)
    assert snapshot_at is not None
    assert read_inputs(build_file)["feedback"]["watermark"] == 10


def test_new_user_recommendations_exclude_rated_films(db):
    films = [
        r[0]
        for r in db.execute(
            "select movie_id from api.recommendations_for_user where user_id = ? order by rank",
            [NEW_USER],
        ).fetchall()
    ]
    assert films, "the feedback user gets recommendations"
    assert not set(films) & set(RATED)
    # the film no MovieLens id links to is trained in as an item of its own, and served
    assert db.execute(
        "select movie_id from movie_factors where movielens_id = ?", [-NO_MOVIELENS_ID]
    ).fetchall() == [(NO_MOVIELENS_ID,)]
    assert db.execute(
        "select ratings from user_factors where user_id = ?", [NEW_USER]
    ).fetchone() == (4,)


def watch_once(site: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "FEEDBACK_PATH": str(site / "feedback.sqlite")}
    return subprocess.run(
        [sys.executable, "-m", "warehouse", "watch", "--once", "--quiet-period", "0",
         "--warehouse", str(site / "warehouse.duckdb"), "--raw", str(site / "raw")],
        cwd=REPO_ROOT_FOR_TESTS, env=env, capture_output=True, text=True, timeout=600,
    )  # fmt: skip


def test_watch(site, build_file, monkeypatch):
    live = site / "warehouse.duckdb"
    # nothing changed since the build: nothing to do
    result = watch_once(site)
    assert result.returncode == NOTHING_TO_DO, result.stderr
    assert Path(os.path.realpath(live)) == build_file

    # a new rating: one build, and the live build moves to it with the new watermark
    con = feedback_store.open_for_writing(site / "feedback.sqlite")
    feedback_store.append(con, NEW_USER, [(585, 4.0)], feedback_store.now())
    con.close()
    watcher = Watcher(live, site / "raw", site / "feedback.sqlite", quiet_period=0)
    assert watcher.check() == BUILT
    rebuilt = Path(os.path.realpath(live))
    assert rebuilt != build_file
    with duckdb.connect(str(rebuilt), read_only=True) as new:
        assert new.execute("select watermark from api.feedback_snapshot").fetchone() == (11,)
    assert watcher.check() == NOTHING_TO_DO

    # a broken raw file: the build fails, the live build stays, and the same inputs are not
    # built again until something changes
    links = site / "raw" / "movies" / "links.csv"
    links.write_text("movieId,imdbId\n1,0114709\n")
    assert watcher.check() == FAILED
    assert Path(os.path.realpath(live)) == rebuilt
    assert failed_marker(live).is_file()
    monkeypatch.setattr(Watcher, "build", lambda *_: pytest.fail("built the same inputs again"))
    again = watch_once(site)
    assert again.returncode == FAILED
    assert "already failed a build" in again.stderr
    assert watcher.check() == FAILED
