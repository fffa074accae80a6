"""The feedback loop end to end on the full data, as a user runs it: ratings of a new user
posted to the real server → kill -9 → restart (nothing lost, nothing trained yet) →
`python -m warehouse build` → the server follows the swap and the new user gets
recommendations without the films they rated, explained by them; `/models`, the MLflow store
and `/metrics` name the new build.

The live path is a directory of this module's own whose `builds/` holds the session's full
build (`full_warehouse`) and its sidecars, hard-linked (copied across file systems), so the
one build this module runs starts from the real live build without building it twice and
leaves the session's build untouched. (Not a symbolic link: the API reads only files of the
directory its first build resolves to, and the next build is written to `builds/`.) The
feedback store and the MLflow tracking store are this module's own too.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import duckdb
import httpx
import pytest

from recommender.text import MOST_RATED_REASON

pytestmark = pytest.mark.full_data

REPO = Path(__file__).resolve().parents[2]
TOKEN = "end-to-end-feedback-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
USER = 2_000_001
#: Famous films MovieLens users rated (TMDB ids): Toy Story, The Godfather, Pulp Fiction,
#: Forrest Gump, The Shawshank Redemption, Star Wars, The Matrix, Fight Club, Jurassic Park;
#: and one film no MovieLens user rated (found in the build: Logan on the full data).
FAMOUS = (862, 238, 680, 13, 278, 11, 603, 550, 329)
BUILD_TIMEOUT = 1800  # seconds; the full build takes 3-4 minutes on 2 cores
SWAP_TIMEOUT = 120  # seconds for the server to attach the new build (it polls every 0.5 s)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    """`python -m warehouse serve` as a child process, started and waited for."""

    def __init__(self, live: Path, env: dict[str, str], log: Path) -> None:
        self.port = _free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.log = log
        with log.open("ab") as err:
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "warehouse", "serve", "--port", str(self.port),
                 "--warehouse", str(live)],
                cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=err,
            )  # fmt: skip
        deadline = time.monotonic() + 120
        while True:
            assert self.proc.poll() is None, self.log.read_text()[-3000:]
            assert time.monotonic() < deadline, "the server did not start in 120 s"
            try:
                if httpx.get(f"{self.base}/health", timeout=10).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            time.sleep(0.2)
        self.client = httpx.Client(base_url=self.base, timeout=60)

    def kill_9(self) -> None:
        os.kill(self.proc.pid, signal.SIGKILL)
        assert self.proc.wait(timeout=10) == -signal.SIGKILL
        self.client.close()

    def stop(self) -> None:
        self.client.close()
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=10)


def _link_build(build: Path, builds: Path) -> Path:
    """`build` and its sidecars (checksum, search index, pages, …) hard-linked into `builds`
    (copied where a link cannot be made); returns the build's new path."""

    def link(src: str, dst: str) -> None:
        try:
            os.link(src, dst)
        except OSError:
            shutil.copy2(src, dst)

    for path in build.parent.glob(f"{build.stem}.*"):
        if path.is_dir():
            shutil.copytree(path, builds / path.name, copy_function=link)
        else:
            link(str(path), str(builds / path.name))
    return builds / build.name


def _unrated_film(build: Path) -> tuple[int, str, int]:
    """The most voted film of the catalogue no MovieLens user rated, and the item the user
    model knows it by: its MovieLens id (`links.serves_film`), else minus its TMDB id. (On
    the full data every film of the catalogue has a link: links.csv covers all of MovieLens,
    the ratings only 9,066 films.)"""
    with duckdb.connect(str(build), read_only=True) as con:
        return con.execute(
            "select m.movie_id, m.title, coalesce(l.movielens_id, -m.movie_id)"
            " from main.movies as m"
            " left join main.links as l on l.movie_id = m.movie_id and l.serves_film"
            " where m.movie_id in (select movie_id from api.movie_details)"
            " and not exists (select 1 from main.ratings as r where r.movie_id = m.movie_id)"
            " order by m.vote_count desc nulls last, m.movie_id limit 1"
        ).fetchone()


@pytest.fixture(scope="module")
def loop(full_warehouse: Path, full_raw: Path, tmp_path_factory) -> Iterator[dict]:
    """Everything the user does, once; the answers seen on the way are kept for the tests."""
    home = tmp_path_factory.mktemp("feedback-loop")
    (home / "builds").mkdir()
    first_build = _link_build(full_warehouse, home / "builds")
    live = home / "warehouse.duckdb"
    os.symlink(first_build, live)
    store = home / "feedback.sqlite"
    tracking_uri = f"sqlite:///{home / 'mlflow.sqlite'}"
    env = {
        **os.environ,
        "FEEDBACK_TOKENS": TOKEN,
        "FEEDBACK_PATH": str(store),
        "MLFLOW_TRACKING_URI": tracking_uri,
    }
    for name in ("WAREHOUSE_PATH", "FEEDBACK_TOKENS_FILE", "API_POLL_INTERVAL"):
        env.pop(name, None)
    unrated, unrated_title, unrated_item = _unrated_film(full_warehouse)
    with duckdb.connect(str(full_warehouse), read_only=True) as con:
        rated_in_movielens = {
            m
            for (m,) in con.execute(
                "select distinct movie_id from main.ratings where source = 'movielens'"
                " and movie_id in (select unnest(?))",
                [list(FAMOUS)],
            ).fetchall()
        }
        already = con.execute("select count(*) from main.ratings where user_id = ?", [USER])
        assert already.fetchone()[0] == 0, "the new user must be new"
    assert rated_in_movielens == set(FAMOUS)
    famous = [{"movie_id": m, "rating": 5.0} for m in FAMOUS]
    other = [{"movie_id": unrated, "rating": 4.5}]
    seen: dict = {"unrated": (unrated, unrated_title, unrated_item), "posted": famous + other}

    server = Server(live, env, home / "serve.log")
    try:
        for body in (famous, other):
            answer = server.client.post(f"/users/{USER}/ratings", json=body, headers=AUTH)
            assert answer.status_code == 202, answer.text
            assert answer.json()["accepted"] == len(body)
        server.kill_9()  # on the last 202, at once
        with sqlite3.connect(store) as con:
            seen["stored_after_kill"] = con.execute(
                "select movie_id, rating from ratings where user_id = ? order by id", [USER]
            ).fetchall()

        server = Server(live, env, home / "serve.log")
        seen["ratings_before"] = server.client.get(f"/users/{USER}/ratings", headers=AUTH)
        seen["recommendations_before"] = server.client.get(f"/users/{USER}/recommendations")

        started = time.monotonic()
        with (home / "build.log").open("wb") as out:
            built = subprocess.run(
                [sys.executable, "-m", "warehouse", "build", "--warehouse", str(live),
                 "--raw", str(full_raw), "--quiet"],
                cwd=REPO, env=env, stdout=out, stderr=subprocess.STDOUT, timeout=BUILD_TIMEOUT,
            )  # fmt: skip
        seen["build_seconds"] = time.monotonic() - started
        assert built.returncode == 0, (home / "build.log").read_text()[-4000:]
        new_build = Path(os.path.realpath(live))
        assert new_build != Path(os.path.realpath(full_warehouse)), "the build did not swap"
        deadline = time.monotonic() + SWAP_TIMEOUT
        while server.client.get("/health").json().get("warehouse_file") != new_build.name:
            assert time.monotonic() < deadline, "the server did not follow the swap"
            assert server.proc.poll() is None, (home / "serve.log").read_text()[-3000:]
            time.sleep(0.5)
        seen.update(
            home=home,
            live=live,
            new_build=new_build,
            tracking_uri=tracking_uri,
            ratings_after=server.client.get(f"/users/{USER}/ratings", headers=AUTH),
            recommendations_after=server.client.get(f"/users/{USER}/recommendations"),
            models=server.client.get("/models"),
            metrics=server.client.get("/metrics"),
        )
        yield seen
    finally:
        server.stop()


def test_a_202_survives_kill_9_and_restart_and_waits_for_a_build(loop):
    posted = [(item["movie_id"], item["rating"]) for item in loop["posted"]]
    assert loop["stored_after_kill"] == posted
    answer = loop["ratings_before"]
    assert answer.status_code == 200, answer.text
    listed = answer.json()
    assert [(r["movie_id"], r["rating"]) for r in listed] == posted
    assert {r["in_live_build"] for r in listed} == {False}
    assert answer.headers["x-total-count"] == str(len(posted))


def test_before_the_build_the_new_user_is_not_a_user_yet(loop):
    answer = loop["recommendations_before"]
    assert answer.status_code == 404, answer.text
    assert answer.headers["content-type"].startswith("application/problem+json")
    assert answer.json()["status"] == 404


def test_after_the_build_the_ratings_are_in_the_live_build(loop):
    answer = loop["ratings_after"]
    assert answer.status_code == 200, answer.text
    listed = answer.json()
    assert len(listed) == len(loop["posted"])
    assert {r["in_live_build"] for r in listed} == {True}
    unrated, _, unrated_item = loop["unrated"]
    with duckdb.connect(str(loop["new_build"]), read_only=True) as con:
        rows = con.execute(
            "select movie_id, movielens_id, rating, source from main.ratings where user_id = ?",
            [USER],
        ).fetchall()
    assert {r[3] for r in rows} == {"feedback"}
    assert sorted((r[0], r[2]) for r in rows) == sorted(
        (item["movie_id"], item["rating"]) for item in loop["posted"]
    )
    # The film no MovieLens user rated is trained in as an item of its own.
    assert next(r[1] for r in rows if r[0] == unrated) == unrated_item


def test_after_the_build_the_new_user_gets_recommendations_explained_by_what_they_rated(loop):
    answer = loop["recommendations_after"]
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert body["user_id"] == USER
    items = body["items"]
    assert len(items) >= 5
    rated = {item["movie_id"] for item in loop["posted"]}
    assert not rated & {item["movie_id"] for item in items}
    with duckdb.connect(str(loop["new_build"]), read_only=True) as con:
        titles = [
            t
            for (t,) in con.execute(
                "select title from main.movies where movie_id in (select unnest(?))",
                [sorted(rated)],
            ).fetchall()
        ]
    explained = [i for i in items if i["reason"].startswith("Because you rated ")]
    assert explained, [i["reason"] for i in items]
    for item in explained:
        assert any(f"{title} (" in item["reason"] for title in titles), item["reason"]
    assert all(i["reason"] != MOST_RATED_REASON for i in items)


def test_models_names_the_new_build_and_its_feedback(loop):
    answer = loop["models"]
    assert answer.status_code == 200, answer.text
    card = answer.json()
    assert card["build_id"] == loop["new_build"].stem
    assert card["training_rows"]["feedback"] == len(loop["posted"])
    assert card["training_rows"]["movielens"] > 99_000
    versions = {m["name"]: m["version"] for m in card["models"]}
    assert set(versions) == {"user-recommender", "similar-items"}
    assert all(versions.values())


def test_the_mlflow_store_has_one_run_for_the_build_and_the_live_alias_on_it(loop):
    from mlflow import MlflowClient

    uri = loop["tracking_uri"]
    client = MlflowClient(tracking_uri=uri, registry_uri=uri)
    experiment = client.get_experiment_by_name("warehouse-builds")
    build_id = loop["new_build"].stem
    runs = client.search_runs(
        [experiment.experiment_id], filter_string=f"tags.build_id = '{build_id}'"
    )
    assert len(runs) == 1
    run = runs[0]
    assert run.data.tags["outcome"] == "published"
    assert run.data.params["data.ratings_feedback_rows"] == str(len(loop["posted"]))
    card = loop["models"].json()
    assert card["mlflow_run_id"] == run.info.run_id
    for model in card["models"]:
        live = client.get_model_version_by_alias(model["name"], "live")
        assert (str(live.version), live.run_id) == (model["version"], run.info.run_id)


def test_metrics_show_nothing_untrained_and_the_live_models_figures(loop):
    answer = loop["metrics"]
    assert answer.status_code == 200
    lines = answer.text.splitlines()
    untrained = [line for line in lines if line.startswith("feedback_rows_untrained ")]
    assert [float(line.split()[1]) for line in untrained] == [0.0]
    figures = [line for line in lines if line.startswith("live_model_metric{")]
    assert any('registered_model="user-recommender"' in f and "ndcg_at_10" in f for f in figures)
    assert any('registered_model="similar-items"' in f for f in figures)
