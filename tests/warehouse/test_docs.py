"""`python -m warehouse docs`: one self-contained dbt docs page of the live build."""

from __future__ import annotations

import hashlib
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import FIXTURE_RAW, REPO_ROOT_FOR_TESTS
from warehouse.docs import docs_dir, generate_docs
from warehouse.raw import resolve_raw_input


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def docs_page(fixture_warehouse: Path, tmp_path_factory) -> Path:
    live = fixture_warehouse.parent.parent / "warehouse.duckdb"
    before = digest(fixture_warehouse)
    page = generate_docs(resolve_raw_input(FIXTURE_RAW), live, tmp_path_factory.mktemp("docs"))
    assert digest(fixture_warehouse) == before, "docs generation must not touch the build"
    return page


def test_docs_page_holds_the_models_and_their_catalog(docs_page: Path):
    text = docs_page.read_text()
    assert text.lstrip().lower().startswith("<!doctype html")
    for node in (
        "model.movie_warehouse.films_by_month",
        "model.movie_warehouse.movies",
        "model.movie_warehouse.stg_movies",
        "source.movie_warehouse.",
    ):
        assert node in text
    # The catalog is read from the build: the api view's real columns are documented.
    assert '"month_es"' in text and '"films"' in text


def test_docs_page_needs_no_network(docs_page: Path):
    text = docs_page.read_text()
    assert not re.search(r'<script[^>]+src=["\']?https?:', text, re.IGNORECASE)
    assert not re.search(r'<link[^>]+href=["\']?https?:', text, re.IGNORECASE)
    # dbt's tracker only starts when the inlined metadata allows it.
    assert '"send_anonymous_usage_stats": false' in text
    assert '"send_anonymous_usage_stats": true' not in text


def test_docs_default_location_is_beside_the_live_path(tmp_path):
    assert docs_dir(tmp_path / "warehouse.duckdb") == tmp_path / "docs"


def test_cli_refuses_a_missing_warehouse_in_one_line(tmp_path):
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "warehouse",
            "docs",
            "--target",
            str(tmp_path / "none.duckdb"),
            "--raw",
            str(FIXTURE_RAW),
        ],
        cwd=REPO_ROOT_FOR_TESTS,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and "no warehouse" in done.stderr
    assert not (tmp_path / "docs" / "index.html").exists()
