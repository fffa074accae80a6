"""`/warehouse-docs` serves the generated dbt docs page, or says how to generate it."""

from __future__ import annotations

import os
from pathlib import Path

from warehouse.build_pages import page_file


def test_docs_route_explains_how_to_generate_missing_docs(client, live_path: Path):
    assert not page_file(os.path.realpath(live_path), "docs").exists()
    answer = client.get("/warehouse-docs")
    assert answer.status_code == 404
    assert answer.headers["content-type"].startswith("application/problem+json")
    body = answer.json()
    assert body["type"] == "urn:movie-warehouse:problem:not-generated"
    assert "make docs" in body["detail"]


def test_docs_route_serves_the_generated_page_as_is(client, live_path: Path):
    page = page_file(os.path.realpath(live_path), "docs")  # the served build's docs
    page.write_text("<!doctype html><title>dbt docs</title><p>Olá</p>", encoding="utf-8")
    try:
        answer = client.get("/warehouse-docs")
        assert answer.status_code == 200
        assert answer.headers["content-type"] == "text/html; charset=utf-8"
        assert answer.text == page.read_text(encoding="utf-8")
        page.write_text("<!doctype html><p>regenerated</p>", encoding="utf-8")
        assert "regenerated" in client.get("/warehouse-docs").text  # never a stale copy
    finally:
        page.unlink()
