"""Every build carries its dbt docs page and EDA report (warehouse.build_pages).

Where they live (beside the build file), that they go with their build (pruned with it,
removed as a killed build's leftovers), and that a failure to write one fails the build like
any other step: the new file and its pages are deleted, the live build is untouched. dbt is
replaced by a stub here (an empty DuckDB file) so these run in a second; the real pages of a
real build are checked through the API in tests/deployment/test_entrypoint.py.
"""

from __future__ import annotations

import os
from pathlib import Path

import duckdb
import pytest

import warehouse.build as build_module
import warehouse.docs
import warehouse.report
from tests.conftest import FIXTURE_RAW
from warehouse.build import BuildFailed, build, remove_leftovers, swap_in
from warehouse.build_pages import page_file, page_files, remove_orphan_pages
from warehouse.progress import BuildProgress
from warehouse.raw import resolve_raw_input
from warehouse.search_index import index_dir


def test_pages_are_named_after_their_build_file(tmp_path):
    build_file = tmp_path / "builds" / "warehouse-20260101T000000000000Z.duckdb"
    assert page_file(build_file, "docs").name == "warehouse-20260101T000000000000Z.docs.html"
    assert page_file(str(build_file), "report") == build_file.with_name(
        "warehouse-20260101T000000000000Z.report.html"
    )
    assert page_files(build_file) == [
        page_file(build_file, "docs"),
        page_file(build_file, "report"),
    ]


def make_build(builds: Path, stamp: str, pages: bool = True) -> Path:
    build_file = builds / f"warehouse-{stamp}.duckdb"
    duckdb.connect(str(build_file)).close()
    if pages:
        for page in page_files(build_file):
            page.write_text(f"<p>{build_file.stem}</p>")
    return build_file


def test_pages_are_pruned_and_cleaned_up_with_their_build(tmp_path):
    live = tmp_path / "warehouse.duckdb"
    builds = tmp_path / "builds"
    builds.mkdir()
    old, previous, current = (make_build(builds, stamp) for stamp in ("1", "2", "3"))
    swap_in(live, current)
    build_module.prune_builds(live, {current, previous})
    assert not old.exists() and not any(p.exists() for p in page_files(old))
    assert all(p.exists() for p in page_files(previous) + page_files(current))

    # A build killed after writing its pages, before the swap: removed with its pages.
    killed = make_build(builds, "4")
    os.utime(killed, (current.stat().st_mtime + 10,) * 2)
    orphan = page_file(builds / "warehouse-5.duckdb", "report")  # its file already gone
    orphan.write_text("<p>orphan</p>")
    removed = remove_leftovers(live)
    assert killed in removed and orphan in removed
    assert not killed.exists() and not any(p.exists() for p in page_files(killed))
    assert not orphan.exists()
    assert sorted(p.name for p in builds.iterdir()) == sorted(
        p.name for b in (previous, current) for p in [b, *page_files(b)]
    )
    assert remove_orphan_pages(builds) == []


STUB_SEARCH_RELATIONS = """
create schema api;
create table api.search_movies (movie_id integer, title varchar, original_title varchar,
    release_year integer, popularity double, vote_count integer, vote_average double,
    fame double);
create table api.search_people (person_id integer, name varchar, known_for varchar[],
    films integer, fame double);
create table api.search_companies (company_id integer, name varchar, films integer,
    fame double);
create table api.search_collections (collection_id integer, name varchar, films integer,
    fame double);
"""


@pytest.fixture
def stub_dbt(monkeypatch):
    """dbt build and dbt docs replaced: an empty DuckDB file, a one-line docs page."""

    def run_dbt(args, database, raw, progress, **kwargs):
        with duckdb.connect(str(database)) as con:  # what the search index reads, empty
            con.execute(STUB_SEARCH_RELATIONS)

    def write_docs_page(raw, database, page):
        page.write_text(f"<p>docs of {database.stem}</p>")
        return page

    monkeypatch.setattr(build_module, "run_dbt", run_dbt)
    monkeypatch.setattr(build_module, "publish_gate", lambda *args, **kwargs: None)
    monkeypatch.setattr(warehouse.docs, "write_docs_page", write_docs_page)


def test_a_page_that_cannot_be_written_fails_the_build(stub_dbt, monkeypatch, tmp_path):
    live = tmp_path / "warehouse.duckdb"
    (tmp_path / "builds").mkdir()
    current = make_build(tmp_path / "builds", "20250101T000000000000Z")
    swap_in(live, current)
    before = sorted(p.name for p in (tmp_path / "builds").iterdir())

    def broken_report(warehouse, out_dir=None, progress=None, page=None):
        raise ValueError("matplotlib could not draw")

    monkeypatch.setattr(warehouse.report, "generate_report", broken_report)
    with pytest.raises(BuildFailed) as failure:
        build(resolve_raw_input(FIXTURE_RAW), live, BuildProgress(quiet=True))
    message = str(failure.value)
    assert "EDA report could not be written" in message and "matplotlib could not draw" in message
    assert "unchanged" in message
    # The new build and the docs page it had already written are gone; live is untouched.
    assert sorted(p.name for p in (tmp_path / "builds").iterdir()) == before
    assert Path(os.path.realpath(live)) == current


def test_a_build_publishes_its_pages_with_it(stub_dbt, monkeypatch, tmp_path):
    def report(warehouse, out_dir=None, progress=None, page=None):
        page.write_text(f"<p>report of {Path(warehouse).stem}</p>")

    monkeypatch.setattr(warehouse.report, "generate_report", report)
    live = tmp_path / "warehouse.duckdb"
    result = build(resolve_raw_input(FIXTURE_RAW), live, BuildProgress(quiet=True))
    docs, report_page = page_files(result.build_file)
    assert docs.read_text() == f"<p>docs of {result.build_file.stem}</p>"
    assert report_page.read_text() == f"<p>report of {result.build_file.stem}</p>"
    assert index_dir(result.build_file).is_dir()  # its search index went with it
