"""Dockerfile, docker-compose.yml and .dockerignore, checked statically (in seconds).

The images are built and run by .ci/container-smoke.sh (podman: both targets from this
Dockerfile, the api on the bundled sample, the rebuild one-shot, Superset on the same volume).
These tests check what needs no image: the compose file against the Compose specification
(check-jsonschema's vendored schema) and by docker-compose itself (`config` needs no engine),
and the Dockerfile's promises (slim Python 3.11 base, non-root user, healthcheck on /health,
every COPY source present and not ignored, a worker per core by default: API_WORKERS=auto).
The entry point script itself runs in tests/deployment/test_entrypoint.py.
"""

from __future__ import annotations

import fnmatch
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
DOCKERFILE = REPO / "Dockerfile"
COMPOSE = REPO / "docker-compose.yml"


def instructions() -> list[tuple[str, str, str | None]]:
    """(instruction, arguments, stage) of the Dockerfile, continuation lines joined."""
    text = re.sub(r"\\\n", " ", DOCKERFILE.read_text())
    found, stage = [], None
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        keyword, _, rest = line.partition(" ")
        keyword = keyword.upper()
        if keyword == "FROM":
            stage = rest.split(" AS ")[-1].strip() if " AS " in rest else None
        found.append((keyword, rest.strip(), stage))
    return found


def dockerignore_patterns() -> list[str]:
    lines = (REPO / ".dockerignore").read_text().splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def ignored(relative: str) -> bool:
    for pattern in dockerignore_patterns():
        pattern = pattern.removeprefix("**/")
        parts = relative.split("/")
        prefixes = ["/".join(parts[: i + 1]) for i in range(len(parts))]
        if any(fnmatch.fnmatch(p, pattern) for p in prefixes + parts):
            return True
    return False


def test_base_image_is_slim_python_matching_pyproject():
    bases = [args for keyword, args, _ in instructions() if keyword == "FROM"]
    assert bases[0].startswith("python:3.11-slim")
    assert '">=3.11,<3.12"' in (REPO / "pyproject.toml").read_text()


def test_every_stage_runs_as_a_non_root_user():
    stages = {stage for keyword, _, stage in instructions() if keyword == "FROM"}
    final_users = {}
    for keyword, args, stage in instructions():
        if keyword == "USER":
            final_users[stage] = args
    for stage in stages - {"base"}:
        assert final_users.get(stage, "root") not in ("root", "0"), stage


def test_healthcheck_asks_the_health_route():
    checks = [
        args
        for keyword, args, stage in instructions()
        if keyword == "HEALTHCHECK" and stage == "app"
    ]
    assert len(checks) == 1 and "/health" in checks[0]


def test_the_api_serves_a_worker_per_core_by_default():
    env = [args for keyword, args, stage in instructions() if keyword == "ENV" and stage == "app"]
    assert any(re.search(r"(^|\s)API_WORKERS=auto(\s|$)", args) for args in env)
    assert "API_WORKERS: ${API_WORKERS:-auto}" in COMPOSE.read_text()


def test_every_copied_path_exists_and_is_not_dockerignored():
    copied = []
    for keyword, args, _ in instructions():
        if keyword != "COPY" or "--from" in args:
            continue
        sources = [a for a in args.split() if not a.startswith("--")][:-1]
        copied += sources
    assert copied
    for source in copied:
        assert (REPO / source).exists(), source
        assert not ignored(source), f"{source} is excluded by .dockerignore"
    entrypoint = REPO / "docker" / "entrypoint.sh"
    assert "docker/entrypoint.sh" in copied and entrypoint.stat().st_mode & 0o111


def test_compose_file_follows_the_compose_specification():
    checker = Path(sys.executable).parent / "check-jsonschema"
    done = subprocess.run(
        [str(checker), "--builtin-schema", "vendor.compose-spec", str(COMPOSE)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_docker_compose_accepts_the_file_and_names_the_services():
    if shutil.which("docker-compose") is None:
        pytest.skip("docker-compose is not installed (.ci/run installs Debian's package)")
    done = subprocess.run(
        ["docker-compose", "-f", str(COMPOSE), "config"],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=REPO,
        env={"PATH": "/usr/bin:/bin", "RAW_DATA_DIR": "/srv/raw"},
    )
    assert done.returncode == 0, done.stderr
    services = subprocess.run(
        ["docker-compose", "-f", str(COMPOSE), "config", "--services"],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=REPO,
        env={"PATH": "/usr/bin:/bin"},
    ).stdout.split()
    assert sorted(services) == ["api", "rebuild", "superset", "trainer"]
    config = done.stdout
    assert "/srv/raw:/data/raw:ro" in config  # RAW_DATA_DIR is the raw mount
    assert "127.0.0.1:8000:8000" in config and "/health" in config
