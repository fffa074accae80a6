"""`/report` serves the generated EDA report as is, or says how to generate it."""

from __future__ import annotations

import os
from pathlib import Path

from api.app import create_app
from warehouse.build_pages import page_file


def test_report_route_explains_how_to_generate_a_missing_report(client, live_path: Path):
    assert not page_file(os.path.realpath(live_path), "report").exists()
    answer = client.get("/report")
    assert answer.status_code == 404
    assert answer.headers["content-type"].startswith("application/problem+json")
    body = answer.json()
    assert body["type"] == "urn:movie-warehouse:problem:not-generated"
    assert body["status"] == 404
    assert "python -m warehouse report" in body["detail"]


def test_report_route_serves_the_generated_page_never_a_stale_copy(client, live_path: Path):
    page = page_file(os.path.realpath(live_path), "report")  # the served build's report
    page.write_text("<!doctype html><title>EDA report</title><p>Olá</p>", encoding="utf-8")
    try:
        answer = client.get("/report")
        assert answer.status_code == 200
        assert answer.headers["content-type"] == "text/html; charset=utf-8"
        assert answer.text == page.read_text(encoding="utf-8")
        page.write_text("<!doctype html><p>regenerated</p>", encoding="utf-8")
        assert "regenerated" in client.get("/report").text  # not held by the answer cache
    finally:
        page.unlink()
    assert client.get("/report").status_code == 404


def test_report_route_is_documented():
    operation = create_app("unused.duckdb").openapi_schema.paths["/report"].get
    assert operation is not None and operation.summary.startswith("EDA report")
    assert operation.responses["200"].content["text/html"].examples
    assert "application/problem+json" in operation.responses["404"].content
