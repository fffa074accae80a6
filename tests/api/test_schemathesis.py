"""Property-based tests of every route from the app's own OpenAPI document (`/schema`):
bounded examples per operation, no server error, and answers that conform to the documented
schemas (status codes, content types, bodies). Positive cases are schema-valid requests,
negative ones schema-invalid (they must get a 4xx problem, never a 5xx).

The document tells the truth: every constraint a route enforces is declared (months and
weekdays, platforms, duration and content types, ratings in half stars, ids, limits,
lengths, patterns), so no route is exempted from "schema-valid requests are accepted". The
full-data test runs the schemathesis CLI with every check and every phase (examples,
coverage, fuzzing, stateful) against a real server: 0 failures."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.config import SchemathesisConfig

from api.app import create_app

MAX_EXAMPLES = 20
#: The CLI run against the full build: examples per operation and phase, and its seed (a
#: fixed one, so a failure is reproducible: `SCHEMATHESIS_SEED` picks another).
CLI_MAX_EXAMPLES = 20
CLI_SEED = int(os.environ.get("SCHEMATHESIS_SEED", "20261203"))
REPO = Path(__file__).resolve().parents[2]
#: Where a schema-valid request may get a 400 (bounds checked against each other, a genre
#: checked against the build's): read by the CLI run and the in-process one alike.
CONFIG = Path(__file__).with_name("schemathesis.toml")
#: The feedback token of both runs (CONFIG's auth.openapi.feedbackToken).
FEEDBACK_TOKEN = "schemathesis-feedback-token"

# Creating the app opens nothing (the warehouse opens on startup): the routes are known at
# collection time, one test per operation.
OPERATIONS = sorted(
    (path, method.upper())
    for path, item in (create_app("unused.duckdb").openapi_schema.paths or {}).items()
    for method in ("get", "post")
    if getattr(item, method, None) is not None
)


@pytest.fixture(scope="session")
def api_schema(warehouse, tmp_path_factory):
    # The shared app takes no feedback; this one does, into a throwaway store.
    store = tmp_path_factory.mktemp("schemathesis-feedback") / "feedback.sqlite"
    app = create_app(warehouse=warehouse, feedback_path=store, feedback_tokens=(FEEDBACK_TOKEN,))
    config = SchemathesisConfig.from_path(CONFIG)
    return schemathesis.openapi.from_asgi("/schema/openapi.json", app, config=config)


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
@pytest.mark.parametrize(("path", "method"), OPERATIONS)
def test_operation_conforms_and_never_fails(api_schema, path, method, mode):
    operation = api_schema[path][method]
    if mode is GenerationMode.NEGATIVE and not operation.definition.raw.get("parameters"):
        pytest.skip("no parameters to get wrong")

    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(
        max_examples=MAX_EXAMPLES,
        deadline=None,
        database=None,
        derandomize=True,  # the same cases every run: a failure is reproducible
        suppress_health_check=list(HealthCheck),
    )
    def check(case):
        response = case.call()
        assert response.status_code < 500, response.text[:500]
        case.validate_response(response)

    check()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.mark.full_data
def test_schemathesis_cli_all_checks_all_phases_on_the_full_build(full_warehouse, tmp_path):
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    log = (tmp_path / "serve.log").open("wb")
    server = subprocess.Popen(
        [sys.executable, "-m", "warehouse", "serve", "--port", str(port),
         "--warehouse", str(full_warehouse)],
        cwd=REPO,
        env={**os.environ, "API_POLL_INTERVAL": "60", "FEEDBACK_TOKENS": FEEDBACK_TOKEN,
             "FEEDBACK_PATH": str(tmp_path / "feedback.sqlite")},
        stdout=subprocess.DEVNULL, stderr=log,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 120
        while True:
            assert server.poll() is None, (tmp_path / "serve.log").read_text()[-2000:]
            assert time.monotonic() < deadline, "the server did not start"
            try:
                with urllib.request.urlopen(f"{base}/health", timeout=30) as answer:
                    if answer.status == 200:
                        break
            except OSError:
                time.sleep(0.5)
        run = subprocess.run(
            [str(Path(sys.executable).with_name("schemathesis")),
             "--config-file", str(CONFIG), "run",
             f"{base}/schema/openapi.json", "--checks", "all",
             "--phases", "examples,coverage,fuzzing,stateful",
             "--max-examples", str(CLI_MAX_EXAMPLES), "--seed", str(CLI_SEED),
             "--workers", "1", "--request-timeout", "30", "--no-color"],
            cwd=tmp_path, capture_output=True, text=True, timeout=900, check=False,
        )  # fmt: skip
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()
    summary = run.stdout[-6000:]
    assert run.returncode == 0, summary
