"""Benchmark N worker processes against one: start-up, throughput, latency and memory.

- Start-up: seconds from starting `python -m api --workers N` to its first 200 on /health,
  and to /health counting all N workers, for 1 and N workers (median of `--startup-runs`, 3).
  Target: < 2 s per worker, read as: all N workers serving within 2 s x N.
- Throughput: the cached lookup mix of bench/api.py (`draw_paths`: actors, directors,
  titles, franchises, countries, companies, Zipf-like) driven by wrk (bench/api.py's
  `run_wrk`: 32 connections, 1 thread) for `--seconds` after a warm-up, against a server
  of 1 worker and one of N; the same server's `/health` is driven the same way in the same
  run, and each figure is also printed as a ratio to it (the machine is shared: a ratio to a
  baseline measured minutes apart on the same server drifts less than the raw figure).
  RSS is summed over the worker processes (/proc/<pid>/status of each pid /health names;
  the supervisor's own is printed apart).
- Crawl: every film id once in random order (`/movies/{id}`, answered from the build's
  document store: no answer cache involved), on the same servers.
- Pinning: on a 2-core machine wrk must share the cores with the server. wrk runs on CPU 1
  (taskset, as bench/api.py pins it); the server is not pinned (every worker and
  thread may run on every CPU), for 1 worker as for N, so the 1-worker figures here are not
  bench/api.py's (there the server has CPU 0 to itself).

    python bench/workers.py [--warehouse build/warehouse.duckdb] [--seconds 20] [--workers 2]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bench.api import (  # noqa: E402
    KINDS,
    WRK_SCRIPT,
    Server,
    add_warehouse_option,
    crawl_paths,
    draw_paths,
    free_port,
    run_wrk,
)
from bench.machine import machine  # noqa: E402

#: Start-up target: seconds per worker until all of them serve.
STARTUP_TARGET_PER_WORKER = 2.0
STARTUP_TIMEOUT = 120.0


class WorkersServer(Server):
    """bench/api.py's Server with `--workers N`, not pinned (wrk is pinned by run_wrk)."""

    def __init__(self, warehouse: str, workers: int, cache_size: int = 8192) -> None:
        self.workers = workers
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        command = [
            sys.executable, "-m", "api", "--host", "127.0.0.1", "--port", str(self.port),
            "--warehouse", warehouse, "--cache-size", str(cache_size),
            "--workers", str(workers),
        ]  # fmt: skip
        self.log = tempfile.TemporaryFile()  # noqa: SIM115 (closed in __exit__)
        self.started = time.monotonic()
        self.proc = subprocess.Popen(command, cwd=REPO, stdout=subprocess.DEVNULL, stderr=self.log)

    def __enter__(self) -> WorkersServer:
        self.first_200 = self._wait(lambda health: True)
        self.all_serving = self._wait(lambda health: health["workers"] >= self.workers)
        return self

    def _wait(self, ready) -> float:
        """Seconds from the start of the process until /health answers 200 and `ready`."""
        deadline = self.started + STARTUP_TIMEOUT
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                self.log.seek(0)
                raise SystemExit(f"server exited: {self.log.read().decode()[-2000:]}")
            try:
                with urllib.request.urlopen(f"{self.base}/health", timeout=2) as response:
                    if response.status == 200 and ready(json.load(response)):
                        return time.monotonic() - self.started
            except OSError:
                pass
            time.sleep(0.02)
        raise SystemExit(f"server not ready in {STARTUP_TIMEOUT:g} s")

    def worker_pids(self) -> list[int]:
        return [worker["pid"] for worker in self.health()["worker_builds"]]

    def rss_mib(self) -> tuple[float, float]:
        """(current, peak) resident set summed over the worker processes, MiB."""
        current = peak = 0.0
        for pid in self.worker_pids():
            rss, hwm = _status_mib(pid)
            current, peak = current + rss, peak + hwm
        return current, peak

    def supervisor_rss_mib(self) -> float:
        return _status_mib(self.proc.pid)[0] if self.workers > 1 else 0.0


def _status_mib(pid: int) -> tuple[float, float]:
    values = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            values[key] = int(value.split()[0]) / 1024
    return values.get("VmRSS", 0.0), values.get("VmHWM", 0.0)


def startup(warehouse: str, workers: int, runs: int) -> dict:
    first, serving = [], []
    for _ in range(runs):
        with WorkersServer(warehouse, workers) as server:
            first.append(server.first_200)
            serving.append(server.all_serving)
    return {
        "first_200": statistics.median(first),
        "all_serving": statistics.median(serving),
        "runs_first": first,
        "runs_all": serving,
    }


def throughput(
    warehouse: str,
    workers: int,
    paths: list[str],
    crawl: list[str],
    workdir: Path,
    seconds: float,
    warmup: float,
) -> dict:
    script = workdir / "mix.lua"
    script.write_text(WRK_SCRIPT)
    mix_file = workdir / "mix.paths"
    mix_file.write_text("\n".join(paths) + "\n")
    health_file = workdir / "health.paths"
    health_file.write_text("/health\n")
    with WorkersServer(warehouse, workers) as server:
        if warmup:
            run_wrk(server.base, mix_file, script, warmup)  # fills every worker's answer cache
        health = run_wrk(server.base, health_file, script, seconds)
        health["rss_mib"], health["peak_rss_mib"] = server.rss_mib()
        mix = run_wrk(server.base, mix_file, script, seconds)
        mix["rss_mib"], mix["peak_rss_mib"] = server.rss_mib()
        mix["supervisor_rss_mib"] = server.supervisor_rss_mib()
        mix["workers_seen"] = len(server.worker_pids())
        crawl_file = workdir / "crawl.paths"
        crawl_file.write_text("\n".join(crawl) + "\n")
        walked = run_wrk(server.base, crawl_file, script, seconds)
        walked["rss_mib"], walked["peak_rss_mib"] = server.rss_mib()
    return {"health": health, "mix": mix, "crawl": walked}


def _ratio(a: float, b: float) -> str:
    return f"{a / b:.2f}x" if b else "n/a"


def report_run(workers: int, result: dict) -> None:
    health, mix = result["health"], result["mix"]
    for label, run in (
        ("/health", health),
        ("lookup mix (cache on)", mix),
        ("crawl /movies/{id}", result["crawl"]),
    ):
        print(
            f"  {workers} worker{'s' if workers > 1 else ''} {label:<22} {run['rps']:>8.0f} rps  "
            f"p50 {run['p50_us'] / 1000:6.2f} ms  p99 {run['p99_us'] / 1000:6.2f} ms  "
            f"errors {run['errors']}  RSS {run['rss_mib']:.0f} MiB over the workers "
            f"(peak {run['peak_rss_mib']:.0f})"
        )
    print(
        f"  {workers} worker{'s' if workers > 1 else ''} mix / /health: "
        f"rps {_ratio(mix['rps'], health['rps'])}, "
        f"p50 {_ratio(mix['p50_us'], health['p50_us'])}, "
        f"p99 {_ratio(mix['p99_us'], health['p99_us'])}, "
        f"RSS {_ratio(mix['rss_mib'], health['rss_mib'])}"
        + (
            f"; supervisor RSS {mix['supervisor_rss_mib']:.0f} MiB (not in the sum)"
            if workers > 1
            else ""
        )
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    add_warehouse_option(parser)
    parser.add_argument("--seconds", type=float, default=20, help="measured seconds per run")
    parser.add_argument("--warmup", type=float, default=3, help="warm-up seconds per server")
    parser.add_argument("--workers", type=int, default=2, help="N, compared with 1 (default 2)")
    parser.add_argument("--startup-runs", type=int, default=3, help="start-ups per count")
    parser.add_argument("--seed", type=int, default=4)
    args = parser.parse_args()
    if args.workers < 2:
        raise SystemExit("--workers: compare 1 worker with at least 2")
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is needed (Debian: apt-get install -y wrk)")
    warehouse = os.path.realpath(args.warehouse)
    if not os.path.isfile(warehouse):
        raise SystemExit(f"no warehouse at {args.warehouse}; build it first")

    cpus = os.cpu_count() or 1
    wrk_cpu = "CPU 1 (taskset)" if shutil.which("taskset") and cpus > 1 else "not pinned"
    print(f"machine: {machine()}")
    print(f"warehouse: {warehouse}")
    print(
        f"pinning: server not pinned (supervisor and workers may run on CPUs 0-{cpus - 1}); "
        f"wrk (1 thread, 32 connections) on {wrk_cpu}, sharing a core with the server"
    )
    counts = (1, args.workers)

    print(f"start-up (median of {args.startup_runs}; process start -> /health):")
    startups = {}
    for n in counts:
        startups[n] = result = startup(warehouse, n, args.startup_runs)
        runs = ", ".join(f"{s:.2f}" for s in result["runs_all"])
        print(
            f"  {n} worker{'s' if n > 1 else ''}: first 200 after {result['first_200']:.2f} s, "
            f"all {n} serving after {result['all_serving']:.2f} s "
            f"({result['all_serving'] / n:.2f} s per worker; runs: {runs})"
        )

    paths, distinct = draw_paths(warehouse, list(KINDS), args.seed)
    crawl = crawl_paths(warehouse, "/movies/{id}", args.seed)
    print(
        f"throughput: {len(paths)} paths of the lookup mix ("
        + ", ".join(f"{k} {v}" for k, v in distinct.items())
        + f" distinct); {args.warmup:g} s warm-up, then {args.seconds:g} s each of /health, "
        f"the mix and a crawl of every film id (/movies/{{id}}, from the document store) per "
        "server"
    )
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        for n in counts:
            results[n] = throughput(
                warehouse, n, paths, crawl, Path(tmp), args.seconds, args.warmup
            )
            report_run(n, results[n])
    one, many = results[1], results[args.workers]
    relative = [run["mix"]["rps"] / run["health"]["rps"] for run in (many, one)]
    print(
        f"{args.workers} workers / 1 worker on the mix: "
        f"rps {_ratio(many['mix']['rps'], one['mix']['rps'])}, "
        f"p50 {_ratio(many['mix']['p50_us'], one['mix']['p50_us'])}, "
        f"p99 {_ratio(many['mix']['p99_us'], one['mix']['p99_us'])}, "
        f"RSS {_ratio(many['mix']['rss_mib'], one['mix']['rss_mib'])}; "
        f"each normalised by its own /health rps: "
        f"{_ratio(*relative)}"
    )
    print(
        f"{args.workers} workers / 1 worker on the crawl: "
        f"rps {_ratio(many['crawl']['rps'], one['crawl']['rps'])}, "
        f"p99 {_ratio(many['crawl']['p99_us'], one['crawl']['p99_us'])}"
    )
    n = args.workers
    budget = STARTUP_TARGET_PER_WORKER * n
    verdict = (
        "ok"
        if startups[1]["all_serving"] < STARTUP_TARGET_PER_WORKER
        and startups[n]["all_serving"] < budget
        else "MISSED"
    )
    print(
        f"start-up target (< {STARTUP_TARGET_PER_WORKER:g} s per worker: 1 worker serving "
        f"within {STARTUP_TARGET_PER_WORKER:g} s, {n} within {budget:g} s): {verdict} "
        f"(1: {startups[1]['all_serving']:.2f} s, {n}: {startups[n]['all_serving']:.2f} s)"
    )


if __name__ == "__main__":
    main()
