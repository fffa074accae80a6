"""Shared fixtures: warehouses built once per test session.

- `fixture_warehouse`: built from tests/fixtures/raw (hand-written, with all the dirt).
- `full_warehouse`: built from the real raw files (`RAW_DATA_DIR` or ../shared/data);
  tests that use it are skipped when those files are absent. Set `FULL_WAREHOUSE_PATH` to
  reuse an existing full build instead of building one (about 15 s).
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

# Every build registers its models in MLflow; a tracking store shared by the session's builds
# (created once: creating one takes ~3 s of schema migrations) keeps the builds of the tests
# fast. A test that looks at the registry passes its own (MLFLOW_TRACKING_URI).
os.environ.setdefault(
    "MLFLOW_TRACKING_URI",
    f"sqlite:///{tempfile.mkdtemp(prefix='mlflow-tests-')}/mlflow.sqlite",
)

import duckdb
import pytest

from warehouse.build import build
from warehouse.progress import BuildProgress
from warehouse.raw import SHARED_RAW_DIR, resolve_raw_input

REPO_ROOT_FOR_TESTS = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).parent / "fixtures"
FIXTURE_RAW = FIXTURES / "raw"
FIXTURE_RAW_ORIGINAL = FIXTURES / "raw_original_layout"


def full_raw_dir() -> Path | None:
    candidate = Path(os.environ.get("RAW_DATA_DIR", SHARED_RAW_DIR))
    return candidate if (candidate / "movies").is_dir() else None


def build_quietly(raw_dir: Path, live_path: Path, skip_recommenders: bool = False) -> Path:
    """Build `raw_dir` into `live_path` and return the path of the build file."""
    result = build(
        resolve_raw_input(raw_dir),
        live_path,
        BuildProgress(quiet=True),
        skip_recommenders=skip_recommenders,
    )
    return result.build_file


@pytest.fixture(scope="session")
def full_raw() -> Path:
    raw = full_raw_dir()
    if raw is None:
        pytest.skip("the real raw files are not available (../shared/data or RAW_DATA_DIR)")
    return raw


@pytest.fixture(scope="session")
def full_warehouse(full_raw, tmp_path_factory) -> Path:
    if existing := os.environ.get("FULL_WAREHOUSE_PATH"):
        return Path(os.path.realpath(existing))
    live = tmp_path_factory.mktemp("full") / "warehouse.duckdb"
    return build_quietly(full_raw, live)


@pytest.fixture(scope="session")
def fixture_warehouse(tmp_path_factory) -> Path:
    live = tmp_path_factory.mktemp("fixture") / "warehouse.duckdb"
    return build_quietly(FIXTURE_RAW, live)


@pytest.fixture(scope="session")
def full_db(full_warehouse):
    con = duckdb.connect(str(full_warehouse), read_only=True)
    yield con
    con.close()


@pytest.fixture(scope="session")
def fixture_db(fixture_warehouse):
    con = duckdb.connect(str(fixture_warehouse), read_only=True)
    yield con
    con.close()


def scalar(con, sql: str, params: list | None = None):
    return con.execute(sql, params or []).fetchall()[0][0]
