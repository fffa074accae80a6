"""Benchmark the similar-items precompute (issue 6): wall time and peak RSS of scoring every
film (and every streaming title) against all the others and keeping the top 20, in a child
process each (peak RSS read with wait4), as the build's dbt Python models do.

Targets: all films <= 60 s wall on this 2-core machine, peak RSS <= 3 GB. The latency of
GET /movies/{id}/similar under the API bench load is measured by bench/api.py ("similar
films" run). The user recommender has its own script, bench/recommender_users.py.

    python bench/recommender.py [--warehouse build/warehouse.duckdb] [--runs 3]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bench.build import machine  # noqa: E402
from warehouse.settings import get_settings  # noqa: E402

CHILD = r"""
import json, sys, time
import duckdb
from recommender.features import movie_features, streaming_features
from recommender.models.similar import MOVIE_WEIGHTS, STREAMING_WEIGHTS, neighbours_frame, top_k

kind, path = sys.argv[1], sys.argv[2]
table, build, weights, key, other = {
    "movies": ("staging.ml_movie_features", movie_features, MOVIE_WEIGHTS, "movie_id",
               "similar_movie_id"),
    "streaming": ("staging.ml_streaming_title_features", streaming_features, STREAMING_WEIGHTS,
                  "title_id", "similar_title_id"),
}[kind]
with duckdb.connect(path, read_only=True) as con:
    frame = con.execute(f"select * from {table}").df()
started = time.perf_counter()
features = build(frame)
built = time.perf_counter()
neighbours, scores = top_k(features, weights, k=20)
table = neighbours_frame(features, neighbours, scores, key, other)
done = time.perf_counter()
print(json.dumps({"items": len(features), "rows": len(table),
                  "features_seconds": built - started, "top_k_seconds": done - built,
                  "seconds": done - started}))
"""


def one_run(kind: str, warehouse: str) -> dict:
    started = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-c", CHILD, kind, warehouse],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    _, status, usage = os.wait4(proc.pid, 0)
    out, err = proc.communicate()
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{kind} failed:\n{err}")
    result = json.loads(out.strip().splitlines()[-1])
    result["process_seconds"] = time.perf_counter() - started
    result["peak_rss_mib"] = usage.ru_maxrss / 1024
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--warehouse", default=str(get_settings().warehouse_path))
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    warehouse = os.path.realpath(args.warehouse)
    print(f"machine: {machine()}")
    print(f"warehouse: {warehouse}")
    for kind in ("movies", "streaming"):
        runs = [one_run(kind, warehouse) for _ in range(args.runs)]
        for i, r in enumerate(runs, 1):
            print(
                f"{kind} run {i}: {r['items']:,} items x 20 -> {r['rows']:,} rows; features "
                f"{r['features_seconds']:.1f}s, top-20 {r['top_k_seconds']:.1f}s, total "
                f"{r['seconds']:.1f}s (process {r['process_seconds']:.1f}s incl. imports and "
                f"load); peak RSS {r['peak_rss_mib']:.0f} MiB"
            )
        wall = statistics.median(r["seconds"] for r in runs)
        rss = max(r["peak_rss_mib"] for r in runs)
        verdict = ("met" if wall <= 60 and rss <= 3072 else "MISSED") if kind == "movies" else ""
        print(
            f"{kind}: median {wall:.1f}s, max peak RSS {rss:.0f} MiB"
            + (f"   target <= 60 s, <= 3072 MiB: {verdict}" if verdict else "")
        )


if __name__ == "__main__":
    main()
