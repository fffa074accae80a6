"""docker/entrypoint.sh, run outside a container the way the containers run it.

The code is copied as the Dockerfile copies it (its COPY lines) into a read-only directory, the
volume is a temporary directory and the raw mount is the hand-written fixture: `serve` on an
empty volume builds first and then answers /health (with API_WORKERS=auto, as the image sets
it); `build` (the `rebuild` service) swaps in a new build that every worker moves to; the
server logs JSON lines. Every build carries its dbt docs and EDA report: /warehouse-docs and
/report answer 200 after the first build and after the rebuild, each naming the build being
served. The images themselves are built and run by .ci/container-smoke.sh (podman); this test
is the fast check of the same steps.
"""

from __future__ import annotations

import json
import shutil
import socket
import stat
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.deployment.test_docker_files import REPO, instructions

FIXTURE_RAW = REPO / "tests" / "fixtures" / "raw"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def copy_as_the_image_does(app: Path) -> Path:
    """The app stage's COPY sources under `app`, read-only; returns the entry point's copy."""
    entrypoint = None
    for keyword, args, stage in instructions():
        if keyword != "COPY" or stage != "app" or "--from" in args:
            continue
        *sources, destination = args.split()
        for source in sources:
            origin = REPO / source
            if destination.startswith("/usr/local/bin/"):
                entrypoint = app.parent / "bin" / Path(destination).name
                entrypoint.parent.mkdir(exist_ok=True)
                shutil.copy2(origin, entrypoint)
            elif origin.is_dir():
                shutil.copytree(
                    origin,
                    app / Path(destination.rstrip("/")).relative_to("."),
                    ignore=shutil.ignore_patterns("__pycache__", "target", "logs"),
                )
            else:
                app.mkdir(exist_ok=True)
                shutil.copy2(origin, app / origin.name)
    for path in [app, *app.rglob("*")]:
        mode = path.stat().st_mode
        path.chmod(mode & ~(stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH))
    assert entrypoint is not None
    return entrypoint


def page(port: int, route: str) -> str:
    with urllib.request.urlopen(f"http://127.0.0.1:{port}{route}", timeout=10) as answer:
        assert answer.status == 200 and answer.headers["content-type"].startswith("text/html")
        return answer.read().decode("utf-8")


def assert_pages_name(port: int, build_file: str) -> None:
    """/report and /warehouse-docs are the pages of `build_file` (the build being served)."""
    stem = Path(build_file).stem
    for route in ("/report", "/warehouse-docs"):
        assert stem in page(port, route), f"{route} does not describe {stem}"


def health(port: int) -> dict | None:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=2) as answer:
            return json.load(answer)
    except OSError:
        return None


@pytest.fixture
def image_root(tmp_path: Path):
    app = tmp_path / "app"
    entrypoint = copy_as_the_image_does(app)
    yield app, entrypoint
    for path in [app, *app.rglob("*")]:  # let tmp_path be cleaned up
        path.chmod(path.stat().st_mode | stat.S_IWUSR)


def test_serve_builds_an_empty_volume_then_follows_a_rebuild(image_root, tmp_path: Path):
    app, entrypoint = image_root
    port = free_port()
    volume = tmp_path / "volume"
    volume.mkdir()
    env = {
        "PATH": f"{Path(sys.executable).parent}:/usr/bin:/bin",
        "HOME": str(tmp_path),
        "PYTHON": sys.executable,
        "PYTHONPATH": str(app),
        "PYTHONDONTWRITEBYTECODE": "1",
        "WAREHOUSE_PATH": str(volume / "warehouse.duckdb"),
        "RAW_DATA_DIR": str(FIXTURE_RAW),
        "HOST": "127.0.0.1",
        "PORT": str(port),
        "API_WORKERS": "auto",  # as the image sets it: a worker per core (2 here, mostly)
    }
    log = (tmp_path / "serve.log").open("w")
    server = subprocess.Popen(
        ["bash", str(entrypoint), "serve"],
        env=env,
        cwd=tmp_path,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 300
        while (first := health(port)) is None:
            assert server.poll() is None, (tmp_path / "serve.log").read_text()[-3000:]
            assert time.monotonic() < deadline, "the api did not come up"
            time.sleep(1)
        assert first["status"] == "ok" and first["row_counts"]["movies"] > 0
        # The build file is in the volume (/health names it; a name, or a path in the volume).
        assert (volume / "builds" / first["warehouse_file"]).is_file()
        assert_pages_name(port, first["warehouse_file"])

        rebuild = subprocess.run(
            ["bash", str(entrypoint), "build"],
            env=env,
            cwd=tmp_path,
            capture_output=True,
            text=True,
            timeout=600,
        )
        assert rebuild.returncode == 0, rebuild.stdout[-2000:] + rebuild.stderr[-2000:]
        deadline = time.monotonic() + 5
        while True:  # every worker serves the new build
            after = health(port)
            served = {w["warehouse_file"] for w in after["worker_builds"]}
            if first["warehouse_file"] not in served and served == {after["warehouse_file"]}:
                break
            assert time.monotonic() < deadline, "the api did not move to the new build"
            time.sleep(0.2)
        assert after["switches"] == 1 and after["workers"] == len(after["worker_builds"]) >= 1
        assert_pages_name(port, after["warehouse_file"])
        assert Path(first["warehouse_file"]).stem not in page(port, "/report")
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()
    lines = (tmp_path / "serve.log").read_text().splitlines()
    logged = [json.loads(line) for line in lines if line.startswith("{")]
    assert any(entry.get("route") == "/health" and entry.get("request_id") for entry in logged)
    # Nothing was written into the code directory (it is read-only, as in the image).
    assert not list(app.rglob("*.duckdb")) and not (app / "build").exists()
