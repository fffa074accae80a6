"""The warehouse through SQLAlchemy + duckdb-engine, as Superset and other BI clients see it.

The connection is the one the README documents and bi/dashboards registers in Superset:
`read_only` (many readers may share the file; a build writes a new file, never this one) and
`enable_external_access` off, because SQL typed into a BI tool must not read or write files
on the server (read-only alone still allows `read_csv('/etc/passwd')` and `COPY ... TO`).
The client runs in its own process (tests/warehouse/sqlalchemy_probe.py) while this one
holds the same file open read-only, as the API and Superset would. Run on the fixture build
and, with the real files, on the full build.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.conftest import REPO_ROOT_FOR_TESTS

API_MODELS = sorted(
    path.stem for path in (REPO_ROOT_FOR_TESTS / "dbt_project/models/api").rglob("*.sql")
)
MARTS = {
    "movies",
    "genres",
    "movie_genres",
    "collections",
    "countries",
    "movie_countries",
    "streaming_titles",
    "people",
    "directors",
}


@pytest.fixture(
    scope="module", params=["fixture", pytest.param("full", marks=pytest.mark.full_data)]
)
def seen(request, tmp_path_factory):
    """What a separate SQLAlchemy client process saw in the warehouse (sqlalchemy_probe)."""
    request.getfixturevalue(f"{request.param}_db")  # this process holds the file open too
    path = request.getfixturevalue(f"{request.param}_warehouse")
    scratch = tmp_path_factory.mktemp("sqlalchemy-client")
    result = subprocess.run(
        [sys.executable, "-m", "tests.warehouse.sqlalchemy_probe", str(path), str(scratch)],
        cwd=REPO_ROOT_FOR_TESTS,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout)


def test_introspection_sees_schemas_tables_views_and_columns(seen):
    # duckdb-engine names schemas catalog-qualified ('"warehouse-<stamp>".api'): the catalog
    # is the build file's name, so a client must store the bare schema ('api') to survive a
    # rebuild, and write schema-qualified SQL (api.films_by_month).
    schemas = {name.rsplit(".", 1)[-1] for name in seen["schemas"]}
    assert {"main", "api", "audit", "reference"} <= schemas
    assert set(seen["tables"]["main"]) >= MARTS
    assert {"rejected_rows", "build_summary"} <= set(seen["tables"]["audit"])
    assert sorted(seen["api_views"]) == API_MODELS
    columns = seen["movies_columns"]
    assert {"movie_id", "title", "release_year", "budget", "revenue"} <= set(columns)
    assert (columns["release_date"], columns["return"], columns["budget"]) == (
        "Date",
        "Float",
        "Integer",
    )


def test_every_api_view_runs(seen):
    assert set(seen["views"]) == set(API_MODELS)
    for view, answer in seen["views"].items():
        assert "error" not in answer, (view, answer)
        assert answer["columns_match"] and answer["rows"] <= 5, (view, answer)
    assert seen["films_by_month_total"] == seen["movies"]


def test_writes_are_refused(seen):
    for statement, error in seen["writes"].items():
        assert error is not None and "read-only" in error, (statement, error)


def test_files_are_out_of_reach(seen):
    for statement, error in seen["files"].items():
        assert error is not None, f"{statement} ran"
    assert seen["scratch_files"] == []
    assert seen["still_answers"] == 12
