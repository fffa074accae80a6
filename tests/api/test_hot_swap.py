"""Hot swap: a rebuild replaces the live symlink while clients loop requests against a real
uvicorn server. No request may fail, and the answers must switch within 2 s."""

from __future__ import annotations

import shutil
import socket
import threading
import time
from pathlib import Path

import duckdb
import httpx
import pytest
import uvicorn

from api.app import create_app

SWITCH_DEADLINE = 2.0
CLIENT_THREADS = 4


class ServerThread:
    """uvicorn on an ephemeral port in a background thread."""

    def __init__(self, app) -> None:
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind(("127.0.0.1", 0))
        self.port = self.sock.getsockname()[1]
        config = uvicorn.Config(app, log_level="warning", lifespan="on", access_log=False)
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(
            target=self.server.run, kwargs={"sockets": [self.sock]}, daemon=True
        )

    def __enter__(self) -> str:
        self.thread.start()
        deadline = time.monotonic() + 10
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("uvicorn did not start")
            time.sleep(0.02)
        return f"http://127.0.0.1:{self.port}"

    def __exit__(self, *exc_info: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)
        self.sock.close()


@pytest.fixture
def two_builds(api_build: Path, tmp_path: Path, make_live) -> tuple[Path, Path, Path]:
    """builds/a.duckdb (the fixture) and builds/b.duckdb, where Tom Hanks has 1000 more films;
    the live symlink points at a."""
    builds = tmp_path / "builds"
    builds.mkdir()
    first = builds / "20260101T000000Z.duckdb"
    second = builds / "20260101T000100Z.duckdb"
    shutil.copyfile(api_build, first)
    shutil.copyfile(api_build, second)
    with duckdb.connect(str(second)) as con:
        con.execute("update api.actor_success set films = films + 1000 where person_id = 31")
    return make_live(tmp_path, first), first, second


def test_swap_while_clients_loop(two_builds, make_live):
    live, first, second = two_builds
    app = create_app(str(live), poll_interval=0.5)
    errors: list[str] = []
    seen: list[tuple[float, int]] = []
    stop = threading.Event()
    lock = threading.Lock()

    def loop(base_url: str) -> None:
        with httpx.Client(base_url=base_url, timeout=10) as http:
            while not stop.is_set():
                try:
                    response = http.get("/actors/tom hanks")
                    if response.status_code != 200:
                        errors.append(f"{response.status_code} {response.text[:200]}")
                        continue
                    with lock:
                        seen.append((time.monotonic(), response.json()["films"]))
                except Exception as exc:  # every failure counts
                    errors.append(repr(exc))

    with ServerThread(app) as base_url:
        before = httpx.get(f"{base_url}/actors/tom hanks").json()["films"]
        threads = [threading.Thread(target=loop, args=(base_url,)) for _ in range(CLIENT_THREADS)]
        for thread in threads:
            thread.start()
        try:
            switch_times = []
            for target, expected in [(second, before + 1000), (first, before)]:
                time.sleep(0.5)
                make_live(live.parent, target)
                swapped_at = time.monotonic()
                while time.monotonic() - swapped_at < SWITCH_DEADLINE + 1:
                    with lock:
                        new = [t for t, films in seen if t > swapped_at and films == expected]
                    if new:
                        switch_times.append(new[0] - swapped_at)
                        break
                    time.sleep(0.01)
                else:
                    pytest.fail(f"answers did not switch to {target.name}")
                time.sleep(0.3)
                with lock:
                    latest = [films for t, films in seen[-20:]]
                assert set(latest) == {expected}
            health = httpx.get(f"{base_url}/health").json()
        finally:
            stop.set()
            for thread in threads:
                thread.join(timeout=10)

    assert errors == []
    assert len(seen) > 50
    assert all(delay <= SWITCH_DEADLINE for delay in switch_times), switch_times
    assert health["switches"] == 2
    assert health["warehouse_file"] == first.name


def test_a_broken_build_is_not_served(api_build: Path, tmp_path: Path, make_live):
    builds = tmp_path / "builds"
    builds.mkdir()
    good = builds / "good.duckdb"
    shutil.copyfile(api_build, good)
    broken = builds / "broken.duckdb"
    with duckdb.connect(str(broken)) as con:
        con.execute("create table t as select 1 as x")
    live = make_live(tmp_path, good)
    from api.db import Warehouse

    with Warehouse(live, poll_interval=60) as warehouse:
        make_live(tmp_path, broken)
        assert warehouse.refresh() is False
        assert warehouse.current.target == str(good)
        assert warehouse.fetch_all("select count(*) from {db}.api.movie_by_title")[0][0] > 0
        make_live(tmp_path, good)
        assert warehouse.refresh() is False  # same target: nothing to do
