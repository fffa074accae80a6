"""Benchmark the user recommender (issue 7): training time on all ratings, the build's per-user
top-50 step, and the latency of the user routes.

- Training: `recommender.models.WatchAndLike` fitted on all 100,004 ratings, `--runs` times
  (issue 7 budget: <= 30 s inside the build).
- Top 50 with reasons for every user from the stored factors, as `user_recommendations` does.
- Routes, in process through Litestar's test client (no network, one request at a time):
  GET /users/{id}/recommendations, GET /users/{id}/movies/{movie_id},
  GET /recomendacion_usuario/{id}/{titulo}, POST /recommendations (a real user's 10 best
  rated films as a new user); p50 / p99 latency and requests per second.

    python bench/recommender_users.py [--warehouse build/warehouse.duckdb] [--requests 300]
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

import duckdb
import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bench.machine import machine  # noqa: E402
from recommender.datasets import load_ratings  # noqa: E402
from recommender.models import WatchAndLike  # noqa: E402
from recommender.serving import (  # noqa: E402
    FilmSide,
    ServingSettings,
    recommend_films,
    user_step,
)
from warehouse.settings import get_settings  # noqa: E402


def bench_training(con, runs: int) -> None:
    data = load_ratings(con)
    seconds = []
    for _ in range(runs):
        started = time.perf_counter()
        model = WatchAndLike().fit(data)
        seconds.append(time.perf_counter() - started)
    print(
        f"training on {len(data):,} ratings: median {statistics.median(seconds):.2f}s "
        f"(runs {', '.join(f'{s:.2f}' for s in seconds)}; budget 30 s)"
    )
    settings, films = ServingSettings.of(model), FilmSide.of(model)
    matrix = data.matrix
    candidates = np.ones(len(films), dtype=bool)
    started = time.perf_counter()
    for row in range(data.n_users):
        lo, hi = matrix.indptr[row], matrix.indptr[row + 1]
        user = user_step(settings, films, matrix.indices[lo:hi], matrix.data[lo:hi])
        recommend_films(settings, films, user, candidates, 50)
    print(f"top 50 with reasons for {data.n_users} users: {time.perf_counter() - started:.2f}s")
    assert isinstance(settings, ServingSettings) and isinstance(films, FilmSide)


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def bench_routes(warehouse: Path, con, requests: int) -> None:
    from litestar.testing import TestClient

    from api.app import create_app

    rng = random.Random(7)
    users = [row[0] for row in con.execute("select user_id from user_factors").fetchall()]
    films = [row[0] for row in con.execute("select movie_id from movies").fetchall()]
    titles = [
        row[0]
        for row in con.execute(
            "select title from api.movie_by_title where title_rank = 1 "
            "order by popularity desc nulls last limit 2000"
        ).fetchall()
    ]
    profiles = {}
    for user in users:
        rows = con.execute(
            "select movie_id, cast(rating as double) from ratings "
            "where user_id = ? and movie_id is not null order by rating desc, movie_id limit 10",
            [user],
        ).fetchall()
        profiles[user] = [{"movie_id": m, "rating": r} for m, r in rows]

    def draw(kind: str):
        user = rng.choice(users)
        if kind == "recommendations":
            return "get", f"/users/{user}/recommendations", None
        if kind == "prediction":
            return "get", f"/users/{user}/movies/{rng.choice(films)}", None
        if kind == "alias":
            return "get", f"/recomendacion_usuario/{user}/{rng.choice(titles)}", None
        return "post", "/recommendations", profiles[user]

    with TestClient(create_app(str(warehouse))) as client:
        for kind in ("recommendations", "prediction", "alias", "cold start"):
            calls = [draw(kind) for _ in range(requests)]
            for method, url, body in calls[:20]:  # warm-up (first fetch of the factors)
                client.request(method, url, json=body)
            latencies = []
            errors = 0
            started = time.perf_counter()
            for method, url, body in calls:
                t0 = time.perf_counter()
                response = client.request(method, url, json=body)
                latencies.append((time.perf_counter() - t0) * 1000)
                errors += response.status_code >= 500
            wall = time.perf_counter() - started
            print(
                f"{kind:<16} {requests / wall:7.0f} req/s  p50 {percentile(latencies, 0.5):6.2f} ms"
                f"  p99 {percentile(latencies, 0.99):6.2f} ms  5xx {errors}"
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--warehouse",
        type=Path,
        default=get_settings().warehouse_path,
    )
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--requests", type=int, default=300)
    args = parser.parse_args()
    print(f"machine: {machine()}")
    with duckdb.connect(str(args.warehouse), read_only=True) as con:
        print(
            "build: training {:.1f}s inside the build (user_model_parameters.fit_seconds)".format(
                con.execute("select fit_seconds from user_model_parameters").fetchone()[0]
            )
        )
        bench_training(con, args.runs)
        bench_routes(args.warehouse, con, args.requests)


if __name__ == "__main__":
    main()
