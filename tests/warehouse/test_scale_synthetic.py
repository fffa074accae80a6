"""bench/scale.py's synthetic data: k copies of the raw files build k times the warehouse.

The scaling figures in docs/scaling.md are only worth something if the multiplied files are
valid raw data with the same dirt: every copy must be kept or rejected exactly like the
original (films, credits, ratings and every rejection reason scale by k)."""

from __future__ import annotations

import duckdb
import pytest

from bench.scale import multiply_raw
from tests.conftest import FIXTURE_RAW, build_quietly

FACTOR = 3


@pytest.fixture(scope="module")
def scaled_db(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("scale")
    multiply_raw(FIXTURE_RAW, tmp / "raw", FACTOR)
    build = build_quietly(tmp / "raw", tmp / "wh" / "warehouse.duckdb", skip_recommenders=True)
    with duckdb.connect(str(build), read_only=True) as con:
        yield con


@pytest.fixture(scope="module")
def base_db(fixture_warehouse):
    with duckdb.connect(str(fixture_warehouse), read_only=True) as con:
        yield con


COUNTS = {
    "films": "select count(*) from movies",
    "cast": "select count(*) from movie_cast",
    "genres per film": "select count(*) from movie_genres",
    "ratings": "select count(*) from ratings",
    "links": "select count(*) from links",
    "streaming titles": "select count(*) from streaming_titles",
}


@pytest.mark.parametrize("what", COUNTS)
def test_every_table_scales_by_the_factor(scaled_db, base_db, what):
    base = base_db.execute(COUNTS[what]).fetchall()[0][0]
    assert base > 0
    assert scaled_db.execute(COUNTS[what]).fetchall()[0][0] == FACTOR * base


def test_every_rejection_reason_scales_by_the_factor(scaled_db, base_db):
    query = "select source, reason, count(*) from audit.rejected_rows group by all"
    base = {(s, r): n for s, r, n in base_db.execute(query).fetchall()}
    scaled = {(s, r): n for s, r, n in scaled_db.execute(query).fetchall()}
    assert base and scaled == {key: FACTOR * n for key, n in base.items()}


def test_people_are_shared_between_copies(scaled_db, base_db):
    query = "select count(*) from people"
    assert scaled_db.execute(query).fetchall() == base_db.execute(query).fetchall()
