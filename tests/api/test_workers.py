"""N worker processes behind one port (`serve --workers N`): every worker follows a swap, and
/metrics and /health describe the whole server (api/serve.py, api/workers.py).

- A real `python -m warehouse serve` with API_WORKERS=2 on two copies of the fixture build:
  /health counts 2 workers, which hold the settings' header limit; under continuous load
  from several client threads the live symlink is swapped as the build swaps it
  (`warehouse.build.swap_in`): no request fails, both workers name the new file within a few
  seconds and the answers change; after the load the requests /metrics counts for the route
  are exactly the requests sent; a worker killed with SIGKILL is replaced and no counter goes
  backwards.
- In process: the merge of snapshots (exited workers' counts kept, only live workers in
  progress and in `worker_builds`), a reused pid, and `API_WORKERS=auto`'s core count
  (affinity, cgroup v2 cpu.max) on made-up inputs.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import httpx
import msgspec
import pytest
from litestar.testing import TestClient

from api.app import create_app
from api.workers import Snapshot, Spool, merge, serving
from tests.api.test_faults_serving import REPO, _read_answer, _Server
from tests.api.test_hot_swap import two_builds  # noqa: F401 (a fixture)
from tests.api.test_observability import samples, value
from warehouse import settings as settings_module
from warehouse.__main__ import parser
from warehouse.build import swap_in
from warehouse.settings import (
    Settings,
    SettingsError,
    available_cores,
    cgroup_cpu_limit,
    settings_environment,
)

ROUTE = "/actors/{name}"
URL = "/actors/tom%20hanks"
CLIENT_THREADS = 4
#: Seconds for both workers to name the new build after a swap (poll interval 0.5 s).
SWITCH_DEADLINE = 5.0


# -- a real server with two workers -----------------------------------------------------------


def _health(base: str) -> dict:
    with urllib.request.urlopen(f"{base}/health", timeout=10) as answer:
        assert answer.status == 200
        return msgspec.json.decode(answer.read())


def _metrics(base: str) -> list[tuple[str, dict[str, str], float]]:
    with urllib.request.urlopen(f"{base}/metrics", timeout=10) as answer:
        return samples(answer.read().decode())


def _route_requests(found) -> float:
    return sum(
        v
        for n, labels, v in found
        if n == "movie_api_requests_total" and labels.get("route") == ROUTE
    )


def _wait_for(condition, timeout: float, what: str):
    deadline = time.monotonic() + timeout
    while True:
        result = condition()
        if result:
            return result
        assert time.monotonic() < deadline, what
        time.sleep(0.1)


def _counters(found) -> dict[tuple[str, tuple], float]:
    """Every sample of a counter or histogram (never a gauge), by name and labels."""
    kept = {}
    for name, labels, v in found:
        if name.endswith(("_total", "_bucket", "_count", "_sum")):
            kept[(name, tuple(sorted(labels.items())))] = v
    return kept


@pytest.fixture
def two_workers(two_builds, tmp_path):  # noqa: F811 (the imported fixture)
    live, first, second = two_builds
    server = _Server(
        live,
        tmp_path / "serve.log",
        API_WORKERS="2",
        API_POLL_INTERVAL="0.5",
        API_MAX_HEADER_BYTES="4096",  # below the default: the workers read their settings
    )
    try:
        _wait_for(
            lambda: _health(server.base)["workers"] == 2, 60, "the second worker did not start"
        )
        yield server, live, first, second
    finally:
        server.stop()


def test_two_workers_follow_a_swap_under_load_and_count_every_request(two_workers):
    server, live, first, second = two_workers
    base = server.base
    health = _health(base)
    assert health["workers"] == 2 and len(health["worker_builds"]) == 2
    assert {w["warehouse_file"] for w in health["worker_builds"]} == {first.name}
    pids = [w["pid"] for w in health["worker_builds"]]
    assert pids == sorted(pids) and len(set(pids)) == 2
    with server.connect() as sock:  # the header limit of the settings, in a spawned worker
        sock.sendall(b"GET /health HTTP/1.1\r\nHost: x\r\nX-Big: " + b"a" * 6000 + b"\r\n\r\n")
        assert _read_answer(sock).startswith(b"HTTP/1.1 431 ")
    before = httpx.get(base + URL, timeout=10).json()["films"]
    sent = 1

    stop = threading.Event()
    lock = threading.Lock()
    statuses: list[int] = []
    errors: list[str] = []
    films_after: list[tuple[float, int]] = []

    def load() -> None:
        while not stop.is_set():
            # A new connection every 20 requests: connections land on both workers.
            with httpx.Client(base_url=base, timeout=10) as http:
                for _ in range(20):
                    if stop.is_set():
                        return
                    try:
                        answer = http.get(URL)
                    except Exception as exc:  # every failure counts
                        with lock:
                            errors.append(repr(exc))
                        continue
                    with lock:
                        statuses.append(answer.status_code)
                        if answer.status_code == 200:
                            films_after.append((time.monotonic(), answer.json()["films"]))

    threads = [threading.Thread(target=load) for _ in range(CLIENT_THREADS)]
    for thread in threads:
        thread.start()
    try:
        time.sleep(2)
        swap_in(live, second)  # as `python -m warehouse build` publishes a build
        swapped_at = time.monotonic()

        def all_on_second() -> dict | None:
            builds = _health(base)["worker_builds"]
            named = {w["warehouse_file"] for w in builds}
            return builds if len(builds) == 2 and named == {second.name} else None

        builds = _wait_for(
            all_on_second, SWITCH_DEADLINE, "not every worker moved to the new build"
        )
        switched_in = time.monotonic() - swapped_at
        assert all(w["switches"] == 1 for w in builds)
        time.sleep(2)  # more load on the new build
    finally:
        stop.set()
        for thread in threads:
            thread.join(timeout=30)

    assert errors == []
    assert statuses and set(statuses) == {200}, {s for s in statuses if s != 200}
    sent += len(statuses)
    assert sent > 100
    assert switched_in <= SWITCH_DEADLINE
    # After the swap, the answers are the new build's (both workers serve it).
    with lock:
        late = [films for t, films in films_after if t > swapped_at + switched_in]
    assert late and set(late) == {before + 1000}

    time.sleep(2.5)  # every worker has written a snapshot since its last request
    found = _metrics(base)
    assert _route_requests(found) == sent
    assert value(found, "movie_api_workers") == 2
    files = {
        labels["worker"]: labels["file"]
        for n, labels, _ in found
        if n == "movie_warehouse_build_info"
    }
    assert files == {str(pid): second.name for pid in pids}
    histogram_count = value(found, "movie_api_request_duration_seconds_count", route=ROUTE)
    assert histogram_count == sent

    # A worker killed outright: the supervisor starts another; nothing counted goes back.
    counted = _counters(found)
    os.kill(pids[0], signal.SIGKILL)

    def replaced() -> list[int] | None:
        now = [w["pid"] for w in _health(base)["worker_builds"]]
        return now if len(now) == 2 and pids[0] not in now else None

    now = _wait_for(replaced, 60, "the killed worker was not replaced")
    assert pids[1] in now
    after = _metrics(base)
    recounted = _counters(after)
    # (The killed worker's own series, labelled with its pid, are gone: it serves no more.)
    gone = {k for k in counted if ("worker", str(pids[0])) in k[1]}
    assert gone and all(k not in recounted for k in gone)
    went_back = {
        k: (v, recounted.get(k))
        for k, v in counted.items()
        if k not in gone and recounted.get(k, -1) < v
    }
    assert went_back == {}
    assert _route_requests(after) == sent  # its requests were in its last snapshot
    assert _health(base)["worker_builds"][0]["warehouse_file"] == second.name


def test_workers_that_cannot_start_are_one_error_line(tmp_path):
    (tmp_path / "builds").mkdir()
    (tmp_path / "builds" / "x.duckdb").write_text("not a warehouse")
    (tmp_path / "warehouse.duckdb").symlink_to("builds/x.duckdb")
    done = subprocess.run(
        [sys.executable, "-m", "warehouse", "serve", "--workers", "2", "--port", "0",
         "--warehouse", str(tmp_path / "warehouse.duckdb")],
        capture_output=True, text=True, timeout=120, cwd=REPO,
    )  # fmt: skip
    assert done.returncode == 1
    errors = [line for line in done.stderr.splitlines() if not line.startswith("{")]
    assert errors == ["error: no worker process started serving (see the log above)"]


# -- the merge, in process --------------------------------------------------------------------


def _snapshot(pid: int, *, written_at: float | None = None, **figures) -> Snapshot:
    return Snapshot(
        pid=pid, written_at=time.time() if written_at is None else written_at, **figures
    )


def test_merge_sums_counters_over_every_worker_and_gauges_over_live_ones():
    a = _snapshot(
        1,
        counts=[("GET", ROUTE, 200, 3), ("GET", ROUTE, 404, 1)],
        latency={ROUTE: ([1, 2, 0], 0.5)},
        disconnects={ROUTE: 1},
        outcomes=[("recommendation_requests", "known_user", 2)],
        in_progress=2,
    )
    exited = _snapshot(
        2,
        counts=[("GET", ROUTE, 200, 5)],
        latency={ROUTE: ([0, 1, 4], 1.25)},
        outcomes=[("recommendation_requests", "known_user", 1)],
        in_progress=7,
    )
    merged = merge([(a, True), (exited, False)])
    assert merged.counts == {("GET", ROUTE, 200): 8, ("GET", ROUTE, 404): 1}
    assert merged.latency == {ROUTE: [[1, 3, 4], 1.75]}
    assert merged.disconnects == {ROUTE: 1}
    assert merged.outcomes == {("recommendation_requests", "known_user"): 3}
    assert merged.in_progress == 2  # the exited worker's requests are not in progress


def test_the_server_app_reports_every_worker_in_the_spool(warehouse, tmp_path):
    """An app with a spool, beside the snapshots of another live worker (this test's parent
    process stands in for it), an exited one and a live one that stopped writing."""
    other = os.getppid()
    spool = tmp_path / "spool"
    spool.mkdir()
    attached = "2026-01-01T00:00:00Z"
    own_file = Path(warehouse.current.target).name
    snapshots = {
        f"{other}.json": _snapshot(
            other, counts=[("GET", ROUTE, 200, 5)], in_progress=2,
            latency={ROUTE: ([5] + [0] * 12, 0.01)},
            warehouse_file="other.duckdb", attached_at=attached, switches=3, cache_hits=10,
        ),
        "77.1.exited.json": _snapshot(
            77, counts=[("GET", ROUTE, 200, 7)], in_progress=4,
            warehouse_file=own_file, attached_at=attached, cache_hits=1000,
        ),
        f"{os.getpid()}0.json": _snapshot(  # no such process
            int(f"{os.getpid()}0"), counts=[("GET", ROUTE, 404, 1)], in_progress=1,
            warehouse_file="gone.duckdb", attached_at=attached,
        ),
    }  # fmt: skip
    for name, snapshot in snapshots.items():
        (spool / name).write_bytes(msgspec.json.encode(snapshot))
    with TestClient(create_app(warehouse=warehouse, metrics_dir=spool)) as client:
        assert (spool / f"{os.getpid()}.json").is_file()  # written at startup
        assert client.get(URL).status_code == 200
        found = samples(client.get("/metrics").text)
        health = client.get("/health").json()
    assert value(found, "movie_api_requests_total", route=ROUTE, status="200") == 1 + 5 + 7
    assert value(found, "movie_api_requests_total", route=ROUTE, status="404") == 1
    assert value(found, "movie_api_request_duration_seconds_count", route=ROUTE) == 1 + 5
    assert value(found, "movie_api_requests_in_progress") == 1 + 2  # the scrape, the other
    assert value(found, "movie_api_workers") == 2
    info = {
        labels["worker"]: labels["file"]
        for n, labels, _ in found
        if n == "movie_warehouse_build_info"
    }
    assert info == {str(os.getpid()): own_file, str(other): "other.duckdb"}
    assert value(found, "movie_warehouse_switches_total", worker=str(other)) == 3
    # Lookups on this worker's build: its own and the exited worker's on the same file.
    hits = value(found, "movie_warehouse_query_cache_lookups_total", result="hit")
    assert 1000 <= hits < 1010 + warehouse.current.hits
    # The shared collectors appear once.
    assert sum(1 for n, _, _ in found if n == "feedback_rows_untrained") == 1
    assert health["workers"] == 2
    assert [w["pid"] for w in health["worker_builds"]] == sorted([os.getpid(), other])
    by_pid = {w["pid"]: w for w in health["worker_builds"]}
    assert by_pid[other] == {
        "pid": other, "warehouse_file": "other.duckdb",
        "attached_at": "2026-01-01T00:00:00Z", "switches": 3,
    }  # fmt: skip
    assert by_pid[os.getpid()]["warehouse_file"] == health["warehouse_file"] == own_file


def test_one_process_without_a_spool_reports_itself(client):
    health = client.get("/health").json()
    assert health["workers"] == 1
    assert health["worker_builds"] == [
        {
            "pid": os.getpid(),
            "warehouse_file": health["warehouse_file"],
            "attached_at": health["attached_at"],
            "switches": health["switches"],
        }
    ]
    found = samples(client.get("/metrics").text)
    assert not any(n == "movie_api_workers" or "worker" in labels for n, labels, _ in found)


def test_a_reused_pid_keeps_the_exited_workers_counts(tmp_path):
    (tmp_path / f"{os.getpid()}.json").write_bytes(
        msgspec.json.encode(_snapshot(os.getpid(), counts=[("GET", ROUTE, 200, 9)]))
    )
    spool = Spool(tmp_path, lambda: _snapshot(os.getpid(), counts=[("GET", ROUTE, 200, 1)]))
    spool.start()
    try:
        gathered = spool.gather()
    finally:
        spool.stop()
    assert merge(gathered).counts == {("GET", ROUTE, 200): 10}
    assert [live for _, live in gathered] == [True, False]
    assert serving(gathered) == []  # neither snapshot names a build


def test_a_stale_snapshot_is_no_live_worker(tmp_path):
    other = os.getppid()
    (tmp_path / f"{other}.json").write_bytes(
        msgspec.json.encode(_snapshot(other, written_at=time.time() - 60, in_progress=3))
    )
    spool = Spool(tmp_path, lambda: _snapshot(os.getpid()))
    assert [live for _, live in spool.gather(write=False)] == [True, False]


# -- API_WORKERS and the core count -----------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "cores"),
    [
        ("max 100000", None),
        ("100000 100000", 1),
        ("150000 100000", 2),
        ("50000 100000", 1),
        ("400000 100000\n", 4),
        ("", None),
        ("lots 100000", None),
    ],
)
def test_cgroup_cpu_max_is_read_as_whole_cores(line, cores):
    assert cgroup_cpu_limit(line) == cores


def test_available_cores_is_the_affinity_lowered_by_the_tightest_quota(tmp_path):
    def cpu_max(*lines: str):
        files = []
        for i, line in enumerate(lines):
            files.append(tmp_path / f"{i}.max")
            files[-1].write_text(line)
        return lambda: files

    four = lambda: {0, 1, 2, 3}  # noqa: E731
    assert available_cores(four, cpu_max()) == 4
    assert available_cores(four, lambda: [tmp_path / "missing"]) == 4
    assert available_cores(four, cpu_max("max 100000")) == 4
    assert available_cores(four, cpu_max("250000 100000")) == 3
    assert available_cores(four, cpu_max("max 100000", "150000 100000", "300000 100000")) == 2
    assert available_cores(four, cpu_max("800000 100000")) == 4  # the quota allows more
    assert available_cores(lambda: {5}, cpu_max("200000 100000")) == 1
    assert available_cores() >= 1  # this machine


def test_api_workers_is_a_number_or_auto(monkeypatch):
    monkeypatch.setattr(settings_module, "available_cores", lambda: 3)
    assert Settings.from_env({}).workers == 1
    assert Settings.from_env({"API_WORKERS": "4"}).workers == 4
    assert Settings.from_env({"API_WORKERS": "auto"}).workers == 3
    assert Settings.from_env({"API_WORKERS": " AUTO "}).workers == 3
    for bad in ("0", "-1", "two", "1.5"):
        with pytest.raises(SettingsError, match="API_WORKERS"):
            Settings.from_env({"API_WORKERS": bad})
    assert parser().parse_args(["serve", "--workers", "auto"]).workers == 3
    assert parser().parse_args(["serve", "--workers", "2"]).workers == 2
    assert parser().parse_args(["serve"]).workers is None  # then API_WORKERS, else 1
    with pytest.raises(SystemExit):
        parser().parse_args(["serve", "--workers", "0"])


def test_settings_reach_a_spawned_process_through_the_environment(tmp_path):
    """What `serve` writes into the environment reads back as the same settings."""
    given = Settings(
        warehouse_path=tmp_path / "w.duckdb", raw_dir=tmp_path / "raw", cache_size=0,
        response_cache_size=7, worker_threads=3, poll_interval=0.25, duckdb_threads=2,
        duckdb_memory_limit="1GB", max_row_drop=0.5, max_quarantine_rise=0.25,
        max_body_bytes=10, max_header_bytes=20, header_timeout=1.5, max_connections=0,
        max_concurrent_requests=4, rate_limit="5/second", slow_path_threads=1,
        shutdown_timeout=2.0, feedback_path=tmp_path / "f.sqlite", feedback_tokens=("a", "b"),
        mlflow_tracking_uri="sqlite:///x", gate_max_ndcg_drop=0.1, gate_max_rmse_rise=0.2,
        workers=3, access_log=True, log_level="warning", metrics_dir=tmp_path / "m",
    )  # fmt: skip
    assert all(getattr(given, f) != getattr(Settings(), f) for f in Settings.__dataclass_fields__)
    environ = {"FEEDBACK_TOKENS_FILE": str(tmp_path / "none"), "API_CACHE_SIZE": "5"}
    (tmp_path / "none").write_text("old-token\n")
    changed = settings_environment(given, environ)
    assert Settings.from_env({**environ, **changed}) == given
    assert settings_environment(given, {**environ, **changed}) == {}
    # Only what differs is written: tokens read from a file stay in their file.
    same = Settings.from_env(environ).with_overrides(workers=2)
    assert settings_environment(same, environ) == {"API_WORKERS": "2"}
