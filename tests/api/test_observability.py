"""/metrics (Prometheus text format), request ids, and the JSON log lines."""

from __future__ import annotations

import io
import itertools
import json
import logging
import re
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from litestar import Litestar
from litestar.testing import TestClient

from api.app import create_app
from api.db import Warehouse
from api.logs import REQUEST_ID, JsonFormatter, configure_json_logging

SAMPLE = re.compile(
    r'^(?P<name>[a-z_]+)(?:\{(?P<labels>(?:[^"}]|"(?:[^"\\]|\\.)*")*)\})? (?P<value>\S+)$'
)


def samples(text: str) -> list[tuple[str, dict[str, str], float]]:
    """(name, labels, value) of every sample line of a Prometheus text exposition."""
    found = []
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        match = SAMPLE.match(line)
        assert match, f"not a sample line: {line!r}"
        labels = dict(re.findall(r'(\w+)="((?:[^"\\]|\\.)*)"', match["labels"] or ""))
        found.append((match["name"], labels, float(match["value"])))
    return found


def value(found, name: str, **labels: str) -> float:
    matching = [
        v for n, lab, v in found if n == name and all(lab.get(k) == x for k, x in labels.items())
    ]
    assert len(matching) == 1, (name, labels, matching)
    return matching[0]


@pytest.fixture
def access_lines() -> Iterator[io.StringIO]:
    """What the `api.access` logger writes, as JSON lines."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    logger = logging.getLogger("api.access")
    logger.addHandler(handler)
    previous = logger.level
    logger.setLevel(logging.INFO)
    yield stream
    logger.removeHandler(handler)
    logger.setLevel(previous)


@pytest.fixture
def fresh_client(warehouse: Warehouse) -> Iterator[TestClient[Litestar]]:
    """A new app (so its counters start at zero) with the access log on."""
    with TestClient(create_app(warehouse=warehouse, access_log=True)) as client:
        yield client


def test_every_answer_carries_a_request_id(fresh_client):
    ids = {
        fresh_client.get(path).headers["x-request-id"]
        for path in ("/actors/tom hanks", "/actors/tom hank", "/no/such/route", "/health")
    }
    assert len(ids) == 4
    assert all(re.fullmatch(r"[0-9a-f]{8}-[0-9a-f]+", request_id) for request_id in ids)


def test_a_sane_incoming_request_id_is_kept_and_a_bad_one_replaced(fresh_client):
    kept = fresh_client.get("/health", headers={"X-Request-ID": "proxy-42.a:b"})
    assert kept.headers["x-request-id"] == "proxy-42.a:b"
    for bad in ("has space", "x" * 65, "semi;colon", ""):
        answer = fresh_client.get("/health", headers={"X-Request-ID": bad})
        assert re.fullmatch(r"[0-9a-f]{8}-[0-9a-f]+", answer.headers["x-request-id"])


def test_metrics_count_requests_per_route_template_and_status(fresh_client):
    for _ in range(3):
        assert fresh_client.get("/actors/tom hanks").status_code == 200
    assert fresh_client.get("/actors/tom hank").status_code == 404
    for n in range(20):  # random paths must not create series of their own
        assert fresh_client.get(f"/random-{n}").status_code == 404
    assert fresh_client.get("/releases/months/13").status_code == 400

    answer = fresh_client.get("/metrics")
    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith("text/plain; version=0.0.4")
    found = samples(answer.text)

    total = "movie_api_requests_total"
    assert value(found, total, route="/actors/{name}", status="200", method="GET") == 3
    assert value(found, total, route="/actors/{name}", status="404") == 1
    assert value(found, total, route="<unmatched>", status="404") == 20
    assert value(found, total, route="/releases/months/{month}", status="400") == 1
    assert not any("random" in str(labels) for _, labels, _ in found)

    histogram = "movie_api_request_duration_seconds"
    assert value(found, f"{histogram}_count", route="/actors/{name}") == 4
    buckets = sorted(
        (float(labels["le"]), v)
        for n, labels, v in found
        if n == f"{histogram}_bucket" and labels["route"] == "/actors/{name}"
    )
    assert buckets[-1] == (float("inf"), 4)
    assert all(a[1] <= b[1] for a, b in itertools.pairwise(buckets))
    assert value(found, f"{histogram}_sum", route="/actors/{name}") > 0
    # The scrape itself is in progress while the figures are read.
    assert value(found, "movie_api_requests_in_progress") == 1


def test_metrics_describe_the_build_being_served(fresh_client, warehouse, api_db):
    found = samples(fresh_client.get("/metrics").text)
    file_name = warehouse.current.target.rsplit("/", 1)[-1]
    assert value(found, "movie_warehouse_build_info", file=file_name) == 1
    finished = api_db.execute("select build_finished_at from api.build_info").fetchall()[0][0]
    expected_age = (datetime.now(UTC) - finished.replace(tzinfo=UTC)).total_seconds()
    assert value(found, "movie_warehouse_build_age_seconds") == pytest.approx(expected_age, abs=5)
    assert value(found, "movie_warehouse_switches_total") == warehouse.switches
    hits = value(found, "movie_warehouse_query_cache_lookups_total", result="hit")
    assert hits == warehouse.current.hits


def test_access_log_lines_are_json_with_the_request_id(fresh_client, access_lines):
    answer = fresh_client.get("/actors/tom hank")
    fresh_client.get("/actors/tom hanks", headers={"X-Request-ID": "trace-1"})
    lines = [json.loads(line) for line in access_lines.getvalue().splitlines()]
    assert [line["status"] for line in lines] == [404, 200]
    first, second = lines
    assert first["request_id"] == answer.headers["x-request-id"]
    assert second["request_id"] == "trace-1"
    assert first["route"] == "/actors/{name}" and first["path"] == "/actors/tom hank"
    assert first["method"] == "GET" and first["logger"] == "api.access"
    assert first["duration_ms"] > 0
    datetime.fromisoformat(first["time"])


def test_json_formatter_adds_context_extras_and_exceptions():
    stream = io.StringIO()
    logger = logging.getLogger("tests.json")
    handler = configure_json_logging(logging.INFO, stream)
    try:
        token = REQUEST_ID.set("r-1")
        try:
            logger.info("hello %s", "world", extra={"rows": 3})
            try:
                raise ValueError("boom")
            except ValueError:
                logger.exception("failed")
        finally:
            REQUEST_ID.reset(token)
        logger.warning("outside a request")
    finally:
        logging.getLogger().removeHandler(handler)
    hello, failed, outside = (json.loads(line) for line in stream.getvalue().splitlines())
    assert hello["message"] == "hello world" and hello["rows"] == 3
    assert hello["request_id"] == "r-1" and hello["level"] == "info"
    assert failed["request_id"] == "r-1" and "ValueError: boom" in failed["exception"]
    assert "request_id" not in outside and outside["level"] == "warning"
