"""`/users/{user_id}/ratings`: tokens, all-or-nothing validation, durability (kill -9 of the
real server right after a 202), concurrent writers, `in_live_build` and the metrics."""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import textwrap
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest
from litestar.testing import TestClient

from api.app import create_app
from api.db import Warehouse
from api.feedback.service import FeedbackDesk
from api.metrics import RequestMetrics
from warehouse import feedback_store
from warehouse.settings import Settings

REPO = Path(__file__).resolve().parents[2]
TOKEN = "s3cret-feedback-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
#: Films of the fixture catalogue (Toy Story, Jumanji, Heat, Sabrina).
FILMS = (862, 8844, 949, 11860)
UNKNOWN_FILM = 99_999_999


def stored(path: Path) -> list[tuple[int, int, float]]:
    """(user_id, movie_id, rating) of every row of the store, in id order."""
    if not path.exists():
        return []
    with sqlite3.connect(path) as con:
        return con.execute("select user_id, movie_id, rating from ratings order by id").fetchall()


@pytest.fixture
def store(tmp_path: Path) -> Path:
    return tmp_path / "feedback.sqlite"


@pytest.fixture
def feedback_client(warehouse: Warehouse, store: Path) -> Iterator[TestClient]:
    """The app over the fixture build with one feedback token and its own store."""
    app = create_app(warehouse=warehouse, feedback_path=store, feedback_tokens=(TOKEN,))
    with TestClient(app) as client:
        yield client


def metric(client: TestClient, line_start: str) -> float:
    text = client.get("/metrics").text
    for line in text.splitlines():
        if line.startswith(line_start + " "):
            return float(line.rsplit(" ", 1)[1])
    raise AssertionError(f"{line_start} not in /metrics:\n{text}")


# -- POST: accepted and durable -------------------------------------------------------------


def test_post_answers_202_and_the_rows_are_in_the_store(feedback_client, store):
    body = [{"movie_id": 862, "rating": 5}, {"movie_id": 8844, "rating": 0.5}]
    response = feedback_client.post("/users/1000001/ratings", json=body, headers=AUTH)
    assert response.status_code == 202, response.text
    answer = response.json()
    assert answer["user_id"] == 1000001 and answer["accepted"] == 2
    assert answer["received_at"].endswith("+00:00")
    assert "etag" not in response.headers
    assert stored(store) == [(1000001, 862, 5.0), (1000001, 8844, 0.5)]
    # synchronous=FULL on the writer: the API's writes are durable at commit
    with sqlite3.connect(store) as con:
        assert con.execute("pragma journal_mode").fetchone()[0] == "wal"


def test_posting_twice_keeps_both_requests(feedback_client, store):
    for rating in (3, 4.5):
        response = feedback_client.post(
            "/users/7/ratings", json=[{"movie_id": 862, "rating": rating}], headers=AUTH
        )
        assert response.status_code == 202
    assert stored(store) == [(7, 862, 3.0), (7, 862, 4.5)]


# -- tokens -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("headers", "invalid_token"),
    [
        ({}, False),
        ({"Authorization": "Bearer not-the-token"}, True),
        ({"Authorization": f"Basic {TOKEN}"}, False),
        ({"Authorization": f"Bearer {TOKEN}x"}, True),
        ({"Authorization": "Bearer "}, False),
        ({"Authorization": TOKEN}, False),
    ],
    ids=["missing", "wrong", "wrong-scheme", "longer", "empty", "no-scheme"],
)
@pytest.mark.parametrize("method", ["POST", "GET"])
def test_no_valid_bearer_token_is_401(feedback_client, store, headers, invalid_token, method):
    body = [{"movie_id": 862, "rating": 4}] if method == "POST" else None
    response = feedback_client.request(method, "/users/5/ratings", json=body, headers=headers)
    assert response.status_code == 401, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    challenge = response.headers["www-authenticate"]
    assert challenge.startswith("Bearer ")
    assert ('error="invalid_token"' in challenge) is invalid_token
    assert response.json()["type"] == "urn:movie-warehouse:problem:unauthorized"
    assert stored(store) == []


def test_the_scheme_is_case_insensitive(feedback_client, store):
    response = feedback_client.post(
        "/users/5/ratings",
        json=[{"movie_id": 862, "rating": 4}],
        headers={"Authorization": f"bearer {TOKEN}"},
    )
    assert response.status_code == 202


def test_an_unauthorized_bad_body_is_401_not_422(feedback_client):
    # the guard judges the sender before the body is read
    response = feedback_client.post("/users/5/ratings", content=b"not json")
    assert response.status_code == 401


@pytest.mark.parametrize("method", ["POST", "GET"])
def test_without_tokens_feedback_is_disabled(client, method, live_path):
    """The shared app has no tokens: 503, even with a bearer header, and no store is made."""
    body = [{"movie_id": 862, "rating": 4}] if method == "POST" else None
    response = client.request(method, "/users/5/ratings", json=body, headers=AUTH)
    assert response.status_code == 503, response.text
    problem = response.json()
    assert problem["title"] == "Feedback disabled"
    assert problem["type"] == "urn:movie-warehouse:problem:feedback-disabled"
    assert not (live_path.parent / "feedback.sqlite").exists()


def test_tokens_from_the_tokens_file(warehouse, store, tmp_path):
    tokens = tmp_path / "tokens"
    tokens.write_text("# the mobile app\nfile-token-1\n\nfile-token-2\n", encoding="utf-8")
    settings = Settings.from_env({"FEEDBACK_TOKENS_FILE": str(tokens), "FEEDBACK_PATH": str(store)})
    app = create_app(
        warehouse=warehouse,
        feedback_path=settings.resolved_feedback_path(),
        feedback_tokens=settings.feedback_tokens,
    )
    with TestClient(app) as client:
        for token in ("file-token-1", "file-token-2"):
            response = client.post(
                "/users/3/ratings",
                json=[{"movie_id": 949, "rating": 2}],
                headers={"Authorization": f"Bearer {token}"},
            )
            assert response.status_code == 202, response.text
        wrong = client.post(
            "/users/3/ratings",
            json=[{"movie_id": 949, "rating": 2}],
            headers={"Authorization": "Bearer # the mobile app"},
        )
        assert wrong.status_code == 401
    assert stored(store) == [(3, 949, 2.0), (3, 949, 2.0)]


# -- 422: all or nothing ------------------------------------------------------------------------


def test_one_unknown_film_rejects_the_whole_batch(feedback_client, store):
    body = [
        {"movie_id": 862, "rating": 4},
        {"movie_id": UNKNOWN_FILM, "rating": 3},
        {"movie_id": 8844, "rating": 3.3},
    ]
    response = feedback_client.post("/users/9/ratings", json=body, headers=AUTH)
    assert response.status_code == 422, response.text
    problem = response.json()
    assert problem["type"] == "urn:movie-warehouse:problem:invalid-ratings"
    assert "nothing was stored" in problem["detail"]
    assert [(e["index"], e["movie_id"]) for e in problem["errors"]] == [
        (1, UNKNOWN_FILM),
        (2, 8844),
    ]
    assert "catalogue" in problem["errors"][0]["reason"]
    assert "3.3" in problem["errors"][1]["reason"]
    assert stored(store) == []


@pytest.mark.parametrize(
    ("body", "offending"),
    [
        ([{"movie_id": 862, "rating": 0}], [0]),
        ([{"movie_id": 862, "rating": 4}, {"movie_id": 8844, "rating": 5.5}], [1]),
        ([{"movie_id": 862, "rating": 3.3}], [0]),
        ([{"movie_id": 862, "rating": -1}], [0]),
        ([{"movie_id": 862, "rating": 4}, {"movie_id": 8844, "rating": "4"}], [1]),
        ([{"movie_id": "862", "rating": 4}], [0]),
        ([{"movie_id": 862}], [0]),
        ([{"movie_id": 0, "rating": 4}], [0]),
        ([{"movie_id": 862, "rating": 4}, {"movie_id": 862, "rating": 3}], [1]),
        ([], []),
        ([{"movie_id": FILMS[i % 4], "rating": 3} for i in range(1001)], []),
        ({"movie_id": 862, "rating": 4}, []),
        ("ratings", []),
    ],
    ids=[
        "zero",
        "5.5",
        "3.3",
        "negative",
        "string-rating",
        "string-id",
        "missing-rating",
        "id-0",
        "same-film-twice",
        "empty",
        "1001-items",
        "not-a-list",
        "a-string",
    ],
)
def test_invalid_ratings_are_422_and_store_nothing(feedback_client, store, body, offending):
    response = feedback_client.post("/users/9/ratings", json=body, headers=AUTH)
    assert response.status_code == 422, response.text
    problem = response.json()
    assert problem["title"] == "Invalid ratings"
    named = [e["index"] for e in problem["errors"] if e["index"] is not None]
    assert named == offending
    assert stored(store) == []


def test_malformed_json_is_422(feedback_client, store):
    response = feedback_client.post(
        "/users/9/ratings",
        content=b'[{"movie_id": 862, "rating": 4}',
        headers={**AUTH, "content-type": "application/json"},
    )
    assert response.status_code == 422, response.text
    assert stored(store) == []


def test_1000_ratings_is_the_limit(feedback_client, store):
    body = [{"movie_id": FILMS[i % 4], "rating": 3} for i in range(1000)]
    # the same film several times in one request is refused; 1000 distinct films are
    # beyond the fixture catalogue, so the limit is checked on the count alone here
    response = feedback_client.post("/users/9/ratings", json=body, headers=AUTH)
    assert response.status_code == 422
    assert "1 to 1000" not in response.json()["detail"]
    assert len(response.json()["errors"]) == 100  # the first 100 of 996 repeats are named
    assert "996 of 1000" in response.json()["detail"]


def test_a_bad_user_id_is_400(feedback_client):
    for user_id in ("0", "-3", str(2**31)):
        response = feedback_client.post(
            f"/users/{user_id}/ratings", json=[{"movie_id": 862, "rating": 4}], headers=AUTH
        )
        assert response.status_code in (400, 404), response.text
        assert response.status_code == 400 or user_id == "-3"  # "-3" matches no int route


# -- GET -------------------------------------------------------------------------------------------


def test_get_lists_a_users_ratings_oldest_first_not_in_the_live_build(feedback_client):
    empty = feedback_client.get("/users/42/ratings", headers=AUTH)
    assert empty.status_code == 200 and empty.json() == []
    assert empty.headers["x-total-count"] == "0"
    for body in ([{"movie_id": 862, "rating": 4}], [{"movie_id": 949, "rating": 1.5}]):
        assert feedback_client.post("/users/42/ratings", json=body, headers=AUTH).status_code == 202
    feedback_client.post("/users/43/ratings", json=[{"movie_id": 862, "rating": 1}], headers=AUTH)
    response = feedback_client.get("/users/42/ratings", headers=AUTH)
    assert response.status_code == 200
    items = response.json()
    assert [(i["feedback_id"], i["movie_id"], i["rating"]) for i in items] == [
        (1, 862, 4.0),
        (2, 949, 1.5),
    ]
    assert all(item["in_live_build"] is False for item in items)  # no api.feedback_snapshot
    assert response.headers["cache-control"] == "no-store"
    assert "etag" not in response.headers
    page = feedback_client.get("/users/42/ratings?limit=1&offset=1", headers=AUTH)
    assert [i["feedback_id"] for i in page.json()] == [2]
    assert page.headers["x-total-count"] == "2"


def serve_with_snapshot(api_build: Path, directory: Path, make_live, watermark: int | None):
    """The fixture build served live, its `api.feedback_snapshot` replaced by one with
    `watermark` (None: no such relation, as in a build made before it existed)."""
    builds = directory / "builds"
    builds.mkdir(parents=True)
    build = builds / "20260102T000000Z.duckdb"
    shutil.copyfile(api_build, build)
    with duckdb.connect(str(build)) as con:
        con.execute("drop view if exists api.feedback_snapshot")
        con.execute("drop table if exists api.feedback_snapshot")
        if watermark is not None:
            con.execute(
                "create table api.feedback_snapshot as select ?::bigint as watermark, "
                "?::bigint as feedback_rows, timestamp '2026-01-02 00:00:00' as snapshot_at",
                [watermark, watermark],
            )
    return Warehouse(make_live(directory, build), poll_interval=60)


@pytest.mark.parametrize(("watermark", "in_build"), [(2, [True, True, False]), (None, [False] * 3)])
def test_in_live_build_follows_the_builds_watermark(
    api_build, tmp_path, make_live, store, watermark, in_build
):
    served = serve_with_snapshot(api_build, tmp_path / "snap", make_live, watermark)
    with served:
        app = create_app(warehouse=served, feedback_path=store, feedback_tokens=(TOKEN,))
        with TestClient(app) as client:
            for movie_id in (862, 8844, 949):
                body = [{"movie_id": movie_id, "rating": 3}]
                assert client.post("/users/11/ratings", json=body, headers=AUTH).status_code == 202
            response = client.get("/users/11/ratings", headers=AUTH)
            assert response.status_code == 200, response.text
            items = response.json()
            assert [i["feedback_id"] for i in items] == [1, 2, 3]
            assert [i["in_live_build"] for i in items] == in_build
            assert metric(client, "feedback_rows_untrained") == in_build.count(False)


# -- concurrent writers ---------------------------------------------------------------------------


def test_concurrent_writers_lose_nothing(warehouse, store):
    """Threads sharing one desk (the process's writer) and a second desk on the same file
    (another process's connection) append at once: every batch is stored, whole."""
    desks = [FeedbackDesk(store, (TOKEN,), RequestMetrics(warehouse)) for _ in range(2)]
    errors: list[BaseException] = []

    def write(worker: int) -> None:
        try:
            for batch in range(25):
                user = worker * 1000 + batch + 1
                desks[worker % 2].append(user, [(862, 4.0), (8844, 2.5), (949, 1.0)])
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=write, args=(w,)) for w in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for desk in desks:
        desk.close()
    assert errors == []
    rows = stored(store)
    assert len(rows) == 6 * 25 * 3
    assert len({row[0] for row in rows}) == 6 * 25


WRITER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from warehouse import feedback_store
    con = feedback_store.open_for_writing(Path(sys.argv[1]))
    for batch in range(100):
        user = int(sys.argv[2]) * 1000 + batch + 1
        feedback_store.append(con, user, [(862, 4.0), (949, 3.0)], feedback_store.now())
    """
)


def test_two_processes_writing_at_once_lose_nothing(store):
    feedback_store.open_for_writing(store).close()  # the schema exists before both start
    writers = [
        subprocess.Popen([sys.executable, "-c", WRITER, str(store), str(n)], cwd=REPO)
        for n in (1, 2)
    ]
    assert [w.wait(timeout=60) for w in writers] == [0, 0]
    rows = stored(store)
    assert len(rows) == 2 * 100 * 2
    assert len({row[0] for row in rows}) == 200


# -- metrics ---------------------------------------------------------------------------------------


def test_feedback_and_recommendation_metrics(feedback_client, store):
    received = "feedback_ratings_received_total{outcome="
    assert metric(feedback_client, received + '"accepted"}') == 0
    assert metric(feedback_client, "feedback_rows_untrained") == 0
    assert metric(feedback_client, "feedback_oldest_untrained_age_seconds") == 0
    body = [{"movie_id": 862, "rating": 4}, {"movie_id": 949, "rating": 3}]
    feedback_client.post("/users/5/ratings", json=body, headers=AUTH)
    feedback_client.post("/users/5/ratings", json=[{"movie_id": 949, "rating": 1}], headers=AUTH)
    feedback_client.post("/users/5/ratings", json=body)
    feedback_client.post("/users/5/ratings", json=[{"movie_id": 1, "rating": 9}], headers=AUTH)
    feedback_client.post("/users/5/ratings", json="x", headers=AUTH)
    feedback_client.get("/users/5/ratings")  # a GET is not a ratings request
    time.sleep(0.05)
    assert metric(feedback_client, received + '"accepted"}') == 2
    assert metric(feedback_client, received + '"unauthorized"}') == 1
    assert metric(feedback_client, received + '"rejected_invalid"}') == 2
    assert metric(feedback_client, received + '"disabled"}') == 0
    assert metric(feedback_client, "feedback_rows_untrained") == 3
    assert metric(feedback_client, "feedback_oldest_untrained_age_seconds") >= 0.05

    outcome = "recommendation_requests_total{outcome="
    assert feedback_client.get("/users/15/recommendations").status_code == 200
    assert feedback_client.get("/users/999999/recommendations").status_code == 404
    assert feedback_client.get("/users/999999/recommendations").status_code == 404
    cold = feedback_client.post("/recommendations", json=[{"movie_id": 862, "rating": 5}])
    assert cold.status_code == 200
    assert metric(feedback_client, outcome + '"known_user"}') == 1
    assert metric(feedback_client, outcome + '"unknown_user"}') == 2
    assert metric(feedback_client, outcome + '"cold_start"}') == 1


def test_disabled_posts_are_counted(client):
    before = metric(client, 'feedback_ratings_received_total{outcome="disabled"}')
    client.post("/users/5/ratings", json=[{"movie_id": 862, "rating": 4}])
    after = metric(client, 'feedback_ratings_received_total{outcome="disabled"}')
    assert after == before + 1


# -- kill -9 right after the 202 ------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _post(base: str, user_id: int, body: list[dict]) -> int:
    request = urllib.request.Request(
        f"{base}/users/{user_id}/ratings",
        data=json.dumps(body).encode(),
        headers={**AUTH, "content-type": "application/json"},
        method="POST",
    )
    with urllib.request.urlopen(request, timeout=30) as answer:
        return answer.status


def test_kill_9_right_after_the_202_loses_nothing(live_path, tmp_path):
    store = tmp_path / "killed" / "feedback.sqlite"
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    env = {
        **os.environ,
        "FEEDBACK_TOKENS": TOKEN,
        "FEEDBACK_PATH": str(store),
        "API_POLL_INTERVAL": "60",
    }
    log = tmp_path / "serve.log"
    with log.open("wb") as err:
        server = subprocess.Popen(
            [sys.executable, "-m", "warehouse", "serve", "--port", str(port),
             "--warehouse", str(live_path)],
            cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=err,
        )  # fmt: skip
    try:
        deadline = time.monotonic() + 60
        while True:
            assert server.poll() is None, log.read_text()[-2000:]
            assert time.monotonic() < deadline, "the server did not start"
            try:
                with urllib.request.urlopen(f"{base}/health", timeout=10):
                    break
            except (urllib.error.URLError, OSError):
                time.sleep(0.2)
        accepted = []
        for user_id in range(1, 21):
            body = [{"movie_id": FILMS[(user_id + i) % 4], "rating": 0.5 * (i + 1)} for i in (0, 1)]
            assert _post(base, user_id, body) == 202
            accepted += [(user_id, b["movie_id"], b["rating"]) for b in body]
        os.kill(server.pid, signal.SIGKILL)  # on the last 202, at once
        assert server.wait(timeout=10) == -signal.SIGKILL
    finally:
        if server.poll() is None:
            server.kill()
            server.wait(timeout=10)
    assert stored(store) == accepted


def test_options_lists_every_method_of_the_ratings_path(feedback_client):
    # Litestar's own OPTIONS answer listed only the methods the path had when first
    # registered (GET, OPTIONS); api/allow.py rewrites it from the final routes.
    answer = feedback_client.options("/users/15/ratings", headers=AUTH)
    assert answer.status_code == 204
    assert answer.headers["allow"] == "GET, OPTIONS, POST"
    assert feedback_client.options("/recommendations").headers["allow"] == "OPTIONS, POST"
