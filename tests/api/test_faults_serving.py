"""Hostile and unlucky requests against the serving side ("nothing lost, nothing stuck").

In process (TestClient over the fixture build): OPTIONS then GET, request ids never replayed,
deeply nested JSON, the concurrency limit, the optional rate limit, security headers, no
absolute path in any answer, /health on damaged builds, DuckDB unable to write files.
Against a real `python -m warehouse serve` process: a client hanging up mid-body, slow and
oversized headers, too many connections, and SIGTERM while a client holds a body unfinished.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import anyio
import duckdb
import pytest
from litestar.testing import TestClient

from api.app import create_app
from api.db import Warehouse, WarehouseUnavailable
from api.dispatch import SlowPath, fast_only, point_lookup
from api.headers import DOCS_POLICY, JSON_POLICY, REPORT_POLICY, SWAGGER_POLICY
from api.limits import ConcurrencyLimit
from api.pages import page_path
from api.serve import serve
from warehouse.settings import Settings

REPO = Path(__file__).resolve().parents[2]
PROBLEM = "application/problem+json"


def problem(response, status: int) -> dict:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith(PROBLEM)
    body = response.json()
    assert body["status"] == status and {"type", "title", "detail"} <= body.keys()
    return body


# -- the answer cache -------------------------------------------------------------------------


def test_options_does_not_blank_the_get_of_the_same_url(client):
    url = "/actors/meryl%20streep%20options"
    assert client.options(url).status_code == 204
    answer = client.get(url)
    assert answer.status_code == 404 and answer.content  # unknown: a problem, never empty
    url = "/actors/tom%20hanks"
    assert client.options(url).status_code == 204
    answer = client.get(url)
    assert answer.status_code == 200 and answer.json()["films"] > 0
    assert client.options(url).status_code == 204  # and a cached GET does not answer OPTIONS


def test_request_ids_are_never_cached_nor_replayed(client):
    url = "/directors/john%20lasseter"
    first = client.get(url, headers={"x-request-id": "first-client"})
    second = client.get(url, headers={"x-request-id": "second-client"})
    third = client.get(url)
    assert first.status_code == second.status_code == third.status_code == 200
    assert first.headers.get_list("x-request-id") == ["first-client"]
    assert second.headers.get_list("x-request-id") == ["second-client"]
    assert third.headers.get_list("x-request-id") not in (["first-client"], ["second-client"])
    assert len(third.headers.get_list("x-request-id")) == 1
    assert first.content == second.content == third.content


# -- bodies -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "body",
    [
        "[" * 100_000 + "]" * 100_000,
        '{"a":' * 20_000 + "1" + "}" * 20_000,
        "[" * 100_000,  # deep and unterminated
        "[{",
        "\x00",
    ],
    ids=["deep-list", "deep-object", "deep-unterminated", "truncated", "nul"],
)
def test_malformed_or_deep_json_is_a_400_problem(client, body):
    answer = client.post(
        "/recommendations", content=body, headers={"content-type": "application/json"}
    )
    assert problem(answer, 400)["type"] == "urn:movie-warehouse:problem:invalid-argument"


def test_an_oversized_body_is_a_413_problem(warehouse):
    with TestClient(create_app(warehouse=warehouse, max_body_bytes=1000)) as small:
        body = json.dumps([{"movie_id": 862, "rating": 4}] * 100)
        answer = small.post(
            "/recommendations", content=body, headers={"content-type": "application/json"}
        )
        problem(answer, 413)


# -- limits -----------------------------------------------------------------------------------


def test_requests_beyond_the_concurrency_limit_get_a_503_problem():
    release = anyio.Event()
    answers: list[tuple[int, bytes, dict]] = []

    async def slow_app(scope, receive, send):
        await release.wait()
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"ok"})

    limited = ConcurrencyLimit(slow_app, 2)

    async def call():
        status, body, headers = 0, b"", {}

        async def send(message):
            nonlocal status, body, headers
            if message["type"] == "http.response.start":
                status, headers = message["status"], dict(message["headers"])
            else:
                body += message.get("body", b"")

        await limited({"type": "http", "path": "/x"}, None, send)
        answers.append((status, body, headers))

    async def scenario():
        async with anyio.create_task_group() as group:
            for _ in range(3):
                group.start_soon(call)
            await anyio.sleep(0.05)
            assert [status for status, _, _ in answers] == [503]  # the third, at once
            release.set()

    anyio.run(scenario)
    assert sorted(status for status, _, _ in answers) == [200, 200, 503]
    _, body, headers = next(answer for answer in answers if answer[0] == 503)
    assert headers[b"content-type"] == PROBLEM.encode() and headers[b"retry-after"] == b"1"
    assert json.loads(body)["type"] == "urn:movie-warehouse:problem:overloaded"
    assert limited.in_flight == 0


def test_the_app_answers_503_problems_beyond_its_concurrency_limit(warehouse):
    app = create_app(warehouse=warehouse, max_concurrent_requests=1)
    gate = threading.Event()
    entered = threading.Event()
    from api.ops import service as ops_service

    real_health = ops_service.health

    def blocking_health(*args, **kwargs):
        entered.set()
        gate.wait(10)
        return real_health(*args, **kwargs)

    ops_service.health = blocking_health
    try:
        with TestClient(app) as limited:
            results = {}
            worker = threading.Thread(
                target=lambda: results.setdefault("first", limited.get("/health"))
            )
            worker.start()
            assert entered.wait(10)
            busy = limited.get("/actors/tom%20hanks")
            gate.set()
            worker.join(10)
            assert results["first"].status_code == 200
            assert problem(busy, 503)["type"] == "urn:movie-warehouse:problem:overloaded"
            assert limited.get("/actors/tom%20hanks").status_code == 200  # the slot is free
    finally:
        ops_service.health = real_health
        gate.set()


def test_rate_limit_answers_429_problems_when_configured(warehouse):
    with TestClient(create_app(warehouse=warehouse, rate_limit="3/minute")) as limited:
        statuses = [limited.get("/actors/tom%20hanks").status_code for _ in range(3)]
        assert statuses == [200, 200, 200]
        answer = limited.get("/actors/tom%20hanks")
        problem(answer, 429)
        assert limited.get("/health").status_code == 200  # probes are never limited


def test_rate_limit_is_off_by_default(client):
    assert Settings().rate_limit == ""
    assert all(client.get("/actors/tom%20hanks").status_code == 200 for _ in range(30))


# -- slow misses never make cached answers wait -----------------------------------------------


def test_a_lookup_that_must_ask_duckdb_runs_in_a_slow_path_thread():
    where = []

    def handler(name):
        where.append((threading.current_thread().name, fast_only()))
        if fast_only():
            raise SlowPath("a statement")
        return name.upper()

    wrapped = point_lookup(handler)
    assert anyio.run(wrapped, "x") == "X"
    (loop_thread, on_loop), (thread, in_thread) = where
    assert on_loop and not in_thread and thread != loop_thread


def test_unknown_names_still_answer_suggestions_and_cached_ones_stay_on_the_loop(warehouse, client):
    hits_before = warehouse.current.hits
    body = problem(client.get("/actors/tom%20hank"), 404)
    assert "Tom Hanks" in body["suggestions"]
    again = problem(client.get("/actors/tom%20hank"), 404)  # answered from cached results
    assert again == body and warehouse.current.hits > hits_before


# -- security headers -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("method", "url", "policy"),
    [
        ("GET", "/actors/tom%20hanks", JSON_POLICY),
        ("GET", "/actors/tom%20hanks", JSON_POLICY),  # again: from the answer cache
        ("GET", "/actors/nobody%20at%20all", JSON_POLICY),
        ("GET", "/releases/months/13", JSON_POLICY),
        ("GET", "/no/such/route", JSON_POLICY),
        ("POST", "/health", JSON_POLICY),
        ("OPTIONS", "/health", JSON_POLICY),
        ("GET", "/health", JSON_POLICY),
        ("GET", "/metrics", JSON_POLICY),
        ("GET", "/schema/openapi.json", JSON_POLICY),
        ("GET", "/schema/swagger", SWAGGER_POLICY),
        ("GET", "/report", REPORT_POLICY),
        ("GET", "/warehouse-docs", DOCS_POLICY),
    ],
)
def test_every_answer_carries_the_security_headers(client, method, url, policy):
    answer = client.request(method, url)
    assert answer.headers["x-content-type-options"] == "nosniff"
    assert answer.headers["referrer-policy"] == "no-referrer"
    assert answer.headers.get_list("content-security-policy") == [policy]


def test_the_swagger_page_still_loads_under_its_policy(client):
    page = client.get("/schema/swagger")
    assert page.status_code == 200
    scripts = re.findall(r"<script src=['\"]([^'\"]+)", page.text)
    styles = re.findall(r"<link href=['\"]([^'\"]+)['\"] rel=.stylesheet", page.text)
    assert scripts and styles
    assert all(url.startswith("https://cdn.jsdelivr.net/") for url in scripts + styles)
    assert "script-src https://cdn.jsdelivr.net 'unsafe-inline'" in SWAGGER_POLICY
    assert "connect-src 'self'" in SWAGGER_POLICY


def test_the_report_and_docs_pages_need_no_more_than_their_policy(client, warehouse):
    """The report: inline CSS and data: images, no script; dbt's docs: inline scripts."""
    for directory, policy in (("report", REPORT_POLICY), ("docs", DOCS_POLICY)):
        page = Path(page_path(warehouse, Path(directory) / "index.html"))
        page.parent.mkdir(exist_ok=True)
        page.write_text(
            "<!doctype html><style>p{color:red}</style><p>x</p>"
            '<img src="data:image/png;base64,iVBORw0KGgo=">',
            encoding="utf-8",
        )
        try:
            url = "/report" if directory == "report" else "/warehouse-docs"
            answer = client.get(url)
            assert answer.status_code == 200
            assert answer.headers["content-security-policy"] == policy
            assert "style-src 'unsafe-inline'" in policy and "img-src data:" in policy
        finally:
            page.unlink()
    assert "script-src" not in REPORT_POLICY  # the report runs no script
    assert "script-src 'unsafe-inline'" in DOCS_POLICY  # dbt's page is inline scripts


# -- no absolute path in any answer -----------------------------------------------------------


def _example_urls(client) -> Iterator[tuple[str, str, object]]:
    document = client.get("/schema/openapi.json").json()
    for path, item in document["paths"].items():
        for method, operation in item.items():
            if method not in ("get", "post"):
                continue
            url, query = path, {}
            for parameter in operation.get("parameters", []):
                examples = parameter.get("schema", {}).get("examples") or [
                    example["value"] for example in parameter.get("examples", {}).values()
                ]
                value = examples[0] if examples else 1
                if parameter["in"] == "path":
                    url = url.replace("{" + parameter["name"] + "}", urllib.parse.quote(str(value)))
                elif parameter.get("required"):
                    query[parameter["name"]] = value
            if query:
                url += "?" + urllib.parse.urlencode(query)
            body = None
            if method == "post":
                body = [{"movie_id": 862, "rating": 4.5}]
            yield method.upper(), url, body
            if "{" in path:  # and an argument that names nothing
                yield method.upper(), re.sub(r"\{[^}]+\}", "zzqx", path), body


#: The one 503 this shared client gets by design: it is configured without feedback tokens.
FEEDBACK_DISABLED = "urn:movie-warehouse:problem:feedback-disabled"


def test_no_answer_names_a_directory(client, live_path, api_build):
    secrets = {str(REPO), str(live_path.parent), str(api_build.parent), os.path.expanduser("~")}
    secrets = {secret for secret in secrets if len(secret) > 1}
    seen = 0
    for method, url, body in _example_urls(client):
        answer = client.request(method, url, json=body)
        deliberate = answer.status_code == 503 and answer.json()["type"] == FEEDBACK_DISABLED
        assert answer.status_code < 500 or deliberate, (url, answer.text[:300])
        text = answer.text
        for secret in secrets:
            assert secret not in text, (url, secret)
        seen += 1
    health = client.get("/health").json()
    assert "/" not in health["warehouse_file"] and "/" not in health["warehouse_path"]
    assert seen > 40


# -- /health on damaged builds ----------------------------------------------------------------


def _copy_with_sidecar(api_build: Path, directory: Path, name: str) -> Path:
    builds = directory / "builds"
    builds.mkdir(parents=True, exist_ok=True)
    copy = builds / name
    shutil.copyfile(api_build, copy)
    digest = hashlib.sha256(copy.read_bytes()).hexdigest()
    Path(f"{copy}.sha256").write_text(f"{digest}  {name}\n")
    return copy


def _flip_middle(path: Path, size: int = 64) -> None:
    with path.open("r+b") as handle:
        handle.seek(path.stat().st_size // 2)
        chunk = handle.read(size)
        handle.seek(path.stat().st_size // 2)
        handle.write(bytes(byte ^ 0xFF for byte in chunk))


def _health_once_verified(app, warehouse: Warehouse):
    with TestClient(app) as checked:
        deadline = time.monotonic() + 30
        while warehouse.current.checksum == "pending":
            assert time.monotonic() < deadline, "the checksum was never verified"
            time.sleep(0.05)
        return checked.get("/health"), warehouse.current.checksum


def test_health_is_ok_and_verified_on_an_intact_build(api_build, tmp_path, make_live):
    live = make_live(tmp_path, _copy_with_sidecar(api_build, tmp_path, "intact.duckdb"))
    with Warehouse(live, poll_interval=60) as warehouse:
        answer, verdict = _health_once_verified(create_app(warehouse=warehouse), warehouse)
    assert verdict == "verified"
    assert answer.status_code == 200 and answer.json()["status"] == "ok"


def test_health_skips_the_checksum_of_a_build_without_a_record(api_build, tmp_path, make_live):
    copy = _copy_with_sidecar(api_build, tmp_path, "older.duckdb")
    Path(f"{copy}.sha256").unlink()
    with Warehouse(make_live(tmp_path, copy), poll_interval=60) as warehouse:
        answer, verdict = _health_once_verified(create_app(warehouse=warehouse), warehouse)
    assert verdict == "unrecorded" and answer.status_code == 200


def test_health_is_degraded_on_a_build_with_flipped_bytes(api_build, tmp_path, make_live):
    copy = _copy_with_sidecar(api_build, tmp_path, "damaged.duckdb")
    _flip_middle(copy)
    with Warehouse(make_live(tmp_path, copy), poll_interval=60) as warehouse:
        answer, verdict = _health_once_verified(create_app(warehouse=warehouse), warehouse)
    assert verdict == "mismatch"
    body = problem(answer, 503)
    assert body["type"] == "urn:movie-warehouse:problem:degraded"
    assert body["checks"]["checksum"] == "mismatch"
    assert body["build_file"] == "damaged.duckdb" and str(tmp_path) not in answer.text


def test_health_is_degraded_when_a_key_relation_cannot_be_read(api_build, tmp_path, make_live):
    copy = _copy_with_sidecar(api_build, tmp_path, "no-months.duckdb")
    with duckdb.connect(str(copy)) as con:
        con.execute("drop view api.films_by_month")
    Path(f"{copy}.sha256").unlink()  # the file changed: no record, so only the probes speak
    with Warehouse(make_live(tmp_path, copy), poll_interval=60) as warehouse:
        answer, _ = _health_once_verified(create_app(warehouse=warehouse), warehouse)
    body = problem(answer, 503)
    assert body["checks"] == {"api.films_by_month": "missing"}


# -- DuckDB cannot write files ----------------------------------------------------------------


@pytest.mark.parametrize(
    "statement",
    [
        "copy (select 42 as x) to '{dir}/evil.csv'",
        "export database '{dir}/exported'",
        "attach '{dir}/new.duckdb' as planted",
        "copy (select 42 as x) to '{dir}/../evil.csv'",
    ],
)
def test_the_api_connection_cannot_write_files(api_build, tmp_path, make_live, statement):
    copy = _copy_with_sidecar(api_build, tmp_path, "served.duckdb")
    builds = copy.parent
    live = make_live(tmp_path, copy)
    before = sorted(path.name for path in tmp_path.rglob("*"))
    with Warehouse(live, poll_interval=60) as warehouse:
        with pytest.raises(duckdb.Error):
            warehouse.fetch_all(statement.format(dir=builds))
        assert warehouse.fetch_all("select count(*) from {db}.api.movie_by_title")[0][0] > 0
    assert sorted(path.name for path in tmp_path.rglob("*")) == before


# -- serve on a dangling live symlink ---------------------------------------------------------


def test_serve_on_a_dangling_live_symlink_is_one_clear_error(tmp_path):
    live = tmp_path / "warehouse.duckdb"
    live.symlink_to(tmp_path / "builds" / "gone.duckdb")
    with pytest.raises(WarehouseUnavailable, match="build it first"):
        serve(settings=Settings(warehouse_path=live))


# -- against a real server process ------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class _Server:
    def __init__(self, live: Path, log: Path, **env: str) -> None:
        self.port = _free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.log = log
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "warehouse", "serve", "--port", str(self.port),
             "--warehouse", str(live)],
            cwd=REPO, env={**os.environ, "API_POLL_INTERVAL": "60", **env},
            stdout=subprocess.DEVNULL, stderr=log.open("wb"),
        )  # fmt: skip
        deadline = time.monotonic() + 60
        while True:
            assert self.proc.poll() is None, log.read_text()[-2000:]
            assert time.monotonic() < deadline, "the server did not start"
            try:
                with urllib.request.urlopen(f"{self.base}/health", timeout=5) as answer:
                    if answer.status == 200:
                        break
            except OSError:
                time.sleep(0.2)

    def connect(self) -> socket.socket:
        sock = socket.create_connection(("127.0.0.1", self.port), timeout=10)
        return sock

    def metrics(self) -> str:
        with urllib.request.urlopen(f"{self.base}/metrics", timeout=10) as answer:
            return answer.read().decode()

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


def _read_answer(sock: socket.socket, timeout: float = 10) -> bytes:
    sock.settimeout(timeout)
    data = b""
    while True:
        try:
            chunk = sock.recv(65536)
        except (ConnectionResetError, TimeoutError):
            break
        if not chunk:
            break
        data += chunk
    return data


@pytest.fixture(scope="module")
def server(live_path, tmp_path_factory) -> Iterator[_Server]:
    log = tmp_path_factory.mktemp("serve") / "serve.log"
    running = _Server(
        live_path,
        log,
        API_HEADER_TIMEOUT="1",
        API_MAX_HEADER_BYTES="8192",
        API_MAX_CONNECTIONS="12",
    )
    yield running
    running.stop()


def test_a_client_hanging_up_mid_body_is_no_server_error(server):
    with server.connect() as sock:
        sock.sendall(
            b"POST /recommendations HTTP/1.1\r\nHost: x\r\ncontent-type: application/json\r\n"
            b'content-length: 1000\r\n\r\n[{"movie_id": 862,'
        )
        time.sleep(0.3)
    deadline = time.monotonic() + 10
    while 'movie_api_client_disconnects_total{route="/recommendations"}' not in (
        text := server.metrics()
    ):
        assert time.monotonic() < deadline, text
        time.sleep(0.2)
    assert 'status="500"' not in text


def test_headers_that_never_finish_are_cut_off(server):
    started = time.monotonic()
    with server.connect() as sock:
        sock.sendall(b"GET /health HTTP/1.1\r\nHost: x\r\nX-Slow: ")
        for _ in range(3):  # trickling bytes does not keep it open
            time.sleep(0.3)
            sock.sendall(b"a")
        answer = _read_answer(sock)
    assert answer.startswith(b"HTTP/1.1 408 "), answer[:200]
    assert b"application/problem+json" in answer
    assert time.monotonic() - started < 5


def test_an_idle_connection_is_closed(server):
    started = time.monotonic()
    with server.connect() as sock:
        answer = _read_answer(sock)
    assert answer.startswith(b"HTTP/1.1 408 ") and time.monotonic() - started < 5


def test_oversized_headers_get_a_431_problem(server):
    with server.connect() as sock:
        sock.sendall(b"GET /health HTTP/1.1\r\nHost: x\r\nX-Big: " + b"a" * 20_000 + b"\r\n\r\n")
        answer = _read_answer(sock)
    assert answer.startswith(b"HTTP/1.1 431 "), answer[:200]
    body = json.loads(answer.split(b"\r\n\r\n", 1)[1])
    assert body["status"] == 431
    with urllib.request.urlopen(f"{server.base}/health", timeout=10) as ok:
        assert ok.status == 200  # the server is unharmed


def test_connections_beyond_the_limit_get_a_503_problem(server):
    held = [server.connect() for _ in range(12)]
    try:
        time.sleep(0.2)
        with server.connect() as extra:
            answer = _read_answer(extra, timeout=5)
        assert answer.startswith(b"HTTP/1.1 503 "), answer[:200]
        assert json.loads(answer.split(b"\r\n\r\n", 1)[1])["status"] == 503
    finally:
        for sock in held:
            sock.close()
    time.sleep(0.3)
    with urllib.request.urlopen(f"{server.base}/health", timeout=10) as ok:
        assert ok.status == 200


def test_sigterm_with_an_unfinished_body_exits_within_the_drain(live_path, tmp_path):
    running = _Server(live_path, tmp_path / "serve.log", API_SHUTDOWN_TIMEOUT="2")
    try:
        with running.connect() as sock:
            sock.sendall(
                b"POST /recommendations HTTP/1.1\r\nHost: x\r\ncontent-type: application/json"
                b'\r\ncontent-length: 1000\r\n\r\n[{"movie_id": 862,'
            )
            time.sleep(0.3)
            started = time.monotonic()
            running.proc.send_signal(signal.SIGTERM)
            try:
                running.proc.wait(timeout=12)
            except subprocess.TimeoutExpired:
                pytest.fail("serve was still running 12 s after SIGTERM")
            assert time.monotonic() - started < 2 + 4
    finally:
        running.stop()
    with pytest.raises(urllib.error.URLError):
        urllib.request.urlopen(f"{running.base}/health", timeout=2)
