"""Load test of the feedback route: concurrent rating posts while reads run, 0 lost ratings.

    python bench/feedback_load.py [--warehouse build/warehouse.duckdb] [--writers 8]
        [--read-seconds 30] [--write-seconds 60] [--build] [--json PATH]

- Serves the live build (`--warehouse`, default: the live path of the settings) with
  `python -m warehouse serve`, pinned to CPU 0, with a feedback token and a fresh feedback
  store in a temporary directory (FEEDBACK_PATH): the user's own store is never touched.
- Reads: `wrk` (pinned to CPU 1) cycling through paths drawn Zipf-like (s = 1.1): half
  `/movies/{id}` of the 5,000 most popular films, half `/users/{id}/recommendations?limit=10`
  of the build's users. By default each of the 16 connections waits 10 ms between requests
  (an offered load of about 1,500 requests/s, below what one worker answers), so the
  latency compared is the reads' own, not a queue the reads make themselves;
  `--read-delay-ms 0` saturates the server instead.
- Phases, one server: every read path asked once (the answer cache warm) and `--warmup`
  seconds of reads, then reads alone (`--read-seconds`: the baseline), then
  the same reads for `--write-seconds` while `--writers` threads (pinned to CPU 1 with wrk)
  POST batches of 1-20 valid ratings (distinct catalogue films, 0.5-5 stars in halves) for
  user ids drawn from `--users` new ids as fast as they can, then reads alone again (how
  much the baseline drifts on its own: the noise). Each 202 is counted with its ratings and
  `received_at`; any other answer by status, and client errors by kind.
- 0 lost: the store holds exactly the accepted ratings (row count, per user, and each 202's
  batch under its user and received_at), nothing more.
- `--build`: "count them in the next build". A scratch live path (`builds/` holding a link
  to the live build, so the model and publish gates compare against it) is built with
  `python -m warehouse build --accept-regression` from this store, with an MLflow store of
  its own, and deleted afterwards: the live build is never replaced. The random ratings of
  made-up users may move the model figures, which is not what is measured here, hence
  `--accept-regression`; the gate's verdicts are printed. Checks: feedback rows in `ratings`
  plus the quarantined feedback rows (`audit.rejected_rows`) = the distinct (user, film)
  pairs accepted (the accepted ratings minus the overrides: the same pair rated again, the
  latest wins); every (user, film) of `ratings` carries the latest stored rating and its
  feedback_id; the build's snapshot read every stored row.

Prints the machine (load average before and after: other work on the machine makes the p99
noisy), a table and a JSON summary (`--json PATH`). Exit code 1 when a rating was lost or
the build's count differs.
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import random
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import httpx

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bench.machine import load_average, machine  # noqa: E402
from warehouse.settings import get_settings  # noqa: E402

TOKEN = "bench-feedback-token"
ZIPF_S = 1.1
TOP_FILMS = 5000
PATHS = 20_000
FIRST_USER = 3_000_001  # new ids, above MovieLens's 671 users and the tests' ids
RATINGS = [r / 2 for r in range(1, 11)]
MAX_BATCH = 20

WRK_SCRIPT = r"""
local paths = {}
local counter = 0
local pause = 0
function init(args)
    for line in io.lines(args[1]) do paths[#paths + 1] = line end
    pause = tonumber(args[2]) or 0
    counter = math.random(#paths)
end
function request()
    counter = counter % #paths + 1
    return wrk.format("GET", paths[counter])
end
function delay()
    return pause
end
function done(summary, latency, requests)
    local e = summary.errors
    io.write(string.format(
        'WRK_JSON {"requests": %d, "duration_us": %d, "connect": %d, "read": %d, '
        .. '"write": %d, "status": %d, "timeout": %d, "p50_us": %d, "p90_us": %d, '
        .. '"p99_us": %d, "mean_us": %f, "max_us": %d}\n',
        summary.requests, summary.duration, e.connect, e.read, e.write, e.status, e.timeout,
        latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.mean,
        latency.max))
end
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def pinned(cpu: int, command: list[str]) -> list[str]:
    if shutil.which("taskset") and (os.cpu_count() or 1) > cpu:
        return ["taskset", "-c", str(cpu), *command]
    return command


def zipf(items: list, count: int, rng: random.Random) -> list:
    weights = [1 / (rank**ZIPF_S) for rank in range(1, len(items) + 1)]
    return rng.choices(items, weights=weights, k=count)


# -- the workload -------------------------------------------------------------------------------


@dataclass
class Workload:
    read_paths: list[str]
    films: list[int]  # catalogue films, most popular first (what writers rate)


def workload(warehouse: Path, seed: int) -> Workload:
    rng = random.Random(seed)
    with duckdb.connect(str(warehouse), read_only=True) as con:
        films = [
            m
            for (m,) in con.execute(
                "select movie_id from api.movie_details"
                " order by popularity desc nulls last, movie_id"
            ).fetchall()
        ]
        users = [
            u
            for (u,) in con.execute(
                "select distinct user_id from main.user_recommendations order by user_id"
            ).fetchall()
        ]
    if not films or not users:
        raise SystemExit(f"{warehouse}: no films or no users with recommendations")
    rng.shuffle(users)  # no order of fame among users: Zipf over a random order
    half = PATHS // 2
    paths = [f"/movies/{m}" for m in zipf(films[:TOP_FILMS], half, rng)]
    paths += [f"/users/{u}/recommendations?limit=10" for u in zipf(users, half, rng)]
    rng.shuffle(paths)
    return Workload(paths, films)


# -- the server ---------------------------------------------------------------------------------


class Server:
    def __init__(self, warehouse: Path, store: Path, log: Path) -> None:
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        env = {**os.environ, "FEEDBACK_TOKENS": TOKEN, "FEEDBACK_PATH": str(store)}
        env.pop("FEEDBACK_TOKENS_FILE", None)
        self.log = log.open("wb")
        command = [
            sys.executable, "-m", "warehouse", "serve", "--host", "127.0.0.1",
            "--port", str(self.port), "--warehouse", str(warehouse),
        ]  # fmt: skip
        self.proc = subprocess.Popen(
            pinned(0, command), cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=self.log
        )
        self.log_path = log

    def __enter__(self) -> Server:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise SystemExit(f"server exited: {self.log_path.read_text()[-2000:]}")
            try:
                with urllib.request.urlopen(f"{self.base}/health", timeout=5) as answer:
                    if answer.status == 200:
                        return self
            except OSError:
                time.sleep(0.2)
        raise SystemExit("the server did not start in 120 s")

    def rss_mib(self) -> float:
        for line in Path(f"/proc/{self.proc.pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
        return 0.0

    def __exit__(self, *exc_info: object) -> None:
        self.proc.send_signal(signal.SIGINT)
        try:
            self.proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self.log.close()


# -- reads: wrk ---------------------------------------------------------------------------------


def start_wrk(
    base: str, paths: Path, script: Path, seconds: float, connections: int, delay_ms: int
) -> subprocess.Popen:
    command = pinned(1, [
        "wrk", "-t1", f"-c{connections}", f"-d{max(1, round(seconds))}s", "--timeout", "5s",
        "-s", str(script), base, "--", str(paths), str(delay_ms),
    ])  # fmt: skip
    return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def finish_wrk(proc: subprocess.Popen) -> dict:
    out, err = proc.communicate()
    for line in out.splitlines():
        if line.startswith("WRK_JSON "):
            result = json.loads(line[len("WRK_JSON ") :])
            result["rps"] = result["requests"] / (result["duration_us"] / 1e6)
            result["errors"] = sum(
                result[k] for k in ("connect", "read", "write", "status", "timeout")
            )
            return result
    raise SystemExit(f"unexpected wrk output:\n{out}\n{err}")


# -- writes: threads posting ratings -----------------------------------------------------------


@dataclass
class Writer:
    """One writer's record: every 202 (user, received_at, ratings), the other answers."""

    accepted: list[tuple[int, str, list[tuple[int, float]]]] = field(default_factory=list)
    refused: collections.Counter = field(default_factory=collections.Counter)
    failed: collections.Counter = field(default_factory=collections.Counter)
    latencies: list[float] = field(default_factory=list)


def write_until(
    base: str,
    stop: threading.Event,
    films: list[int],
    users: int,
    seed: int,
    record: Writer,
    interval: float = 0.0,
) -> None:
    """Post until `stop`; `interval` > 0: one post per interval (a capped rate), else as fast
    as the server answers."""
    rng = random.Random(seed)
    next_post = time.monotonic()
    popular = films[:TOP_FILMS]
    weights = [1 / (rank**ZIPF_S) for rank in range(1, len(popular) + 1)]
    headers = {"Authorization": f"Bearer {TOKEN}"}
    with httpx.Client(base_url=base, timeout=120, headers=headers) as client:
        while not stop.is_set():
            if interval > 0:
                next_post += interval
                if stop.wait(max(0.0, next_post - time.monotonic())):
                    break
            size = rng.randint(1, MAX_BATCH)
            chosen: dict[int, float] = {}
            while len(chosen) < size:
                # mostly popular films (so that users rate the same film again: overrides),
                # now and then any film of the catalogue
                film = (
                    rng.choices(popular, weights=weights)[0]
                    if rng.random() < 0.9
                    else rng.choice(films)
                )
                chosen.setdefault(film, rng.choice(RATINGS))
            user = FIRST_USER + rng.randrange(users)
            body = [{"movie_id": m, "rating": r} for m, r in chosen.items()]
            started = time.perf_counter()
            try:
                answer = client.post(f"/users/{user}/ratings", json=body)
            except httpx.HTTPError as exc:
                # the outcome is unknown (stored or not): counted, and the store check
                # reports any row no 202 accounts for
                record.failed[type(exc).__name__] += 1
                continue
            record.latencies.append(time.perf_counter() - started)
            if answer.status_code == 202:
                sent = answer.json()
                assert sent["accepted"] == len(body) and sent["user_id"] == user
                record.accepted.append((user, sent["received_at"], list(chosen.items())))
            else:
                record.refused[answer.status_code] += 1


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1)))]


# -- checks ---------------------------------------------------------------------------------------


def stored_rows(store: Path) -> list[tuple[int, int, int, float, str]]:
    """(id, user_id, movie_id, rating, received_at) of every row of the store."""
    if not store.exists():
        return []
    with sqlite3.connect(store) as con:
        return con.execute(
            "select id, user_id, movie_id, rating, received_at from ratings order by id"
        ).fetchall()


def check_store(store: Path, accepted: list[tuple[int, str, list[tuple[int, float]]]]) -> dict:
    """Lost: accepted ratings the store lacks; extra: stored rows no 202 accounts for."""
    rows = stored_rows(store)
    stored = collections.Counter((u, at, m, r) for _, u, m, r, at in rows)
    wanted = collections.Counter((u, at, m, r) for u, at, items in accepted for m, r in items)
    per_user_stored = collections.Counter(u for _, u, *_ in rows)
    per_user_wanted = collections.Counter(u for u, _, items in accepted for _ in items)
    return {
        "stored_rows": len(rows),
        "accepted_ratings": sum(wanted.values()),
        "lost": sum((wanted - stored).values()),
        "extra": sum((stored - wanted).values()),
        "users_differing": sum(
            1
            for u in per_user_stored.keys() | per_user_wanted.keys()
            if per_user_stored[u] != per_user_wanted[u]
        ),
        "users": len(per_user_wanted),
    }


def scratch_build(live: Path, store: Path, workdir: Path, raw: Path | None) -> dict:
    """Build a scratch live path whose builds/ links to `live`'s build, from `store`; count."""
    home = workdir / "next-build"
    (home / "builds").mkdir(parents=True)
    current = Path(os.path.realpath(live))
    os.symlink(current, home / "builds" / current.name)
    scratch_live = home / "warehouse.duckdb"
    os.symlink(home / "builds" / current.name, scratch_live)
    env = {
        **os.environ,
        "FEEDBACK_PATH": str(store),
        "MLFLOW_TRACKING_URI": f"sqlite:///{home / 'mlflow.sqlite'}",
    }
    env.pop("WAREHOUSE_PATH", None)
    command = [
        sys.executable, "-m", "warehouse", "build", "--warehouse", str(scratch_live),
        "--accept-regression", "--quiet", *(["--raw", str(raw)] if raw else []),
    ]  # fmt: skip
    started = time.monotonic()
    log = workdir / "build.log"
    with log.open("wb") as out:
        code = subprocess.run(command, cwd=REPO, env=env, stdout=out, stderr=subprocess.STDOUT)
    seconds = time.monotonic() - started
    if code.returncode != 0:
        raise SystemExit(f"the build failed ({code.returncode}):\n{log.read_text()[-3000:]}")
    built = Path(os.path.realpath(scratch_live))
    rows = stored_rows(store)
    with duckdb.connect(str(built), read_only=True) as con:
        in_ratings = con.execute(
            "select user_id, movie_id, rating, feedback_id from main.ratings"
            " where source = 'feedback'"
        ).fetchall()
        quarantined = {
            int(record)
            for (record,) in con.execute(
                "select record_number from audit.rejected_rows where source = 'feedback'"
            ).fetchall()
        }
        reasons = dict(
            con.execute(
                "select reason, count(*) from audit.rejected_rows where source = 'feedback'"
                " group by reason"
            ).fetchall()
        )
        snapshot = con.execute(
            "select watermark, feedback_rows from api.feedback_snapshot"
        ).fetchone()
        summary = con.execute(
            "select rows_read, rows_kept, rows_rejected from audit.build_summary"
            " where source = 'feedback'"
        ).fetchone()
        gate = con.execute(
            "select model, metric, live_value, new_value, verdict from audit.model_gate"
            " order by model, metric"
        ).fetchall()
    # What the build should hold: per (user, film), the latest (highest id) stored row that
    # was not quarantined.
    latest: dict[tuple[int, int], tuple[float, int]] = {}
    for row_id, user, film, rating, _ in rows:
        if row_id not in quarantined:
            latest[(user, film)] = (rating, row_id)
    expected = {(u, m, r, i) for (u, m), (r, i) in latest.items()}
    found = {(u, m, float(r), int(i)) for u, m, r, i in in_ratings}
    pairs = {(u, m) for _, u, m, _, _ in rows}
    quarantined_pairs = {(u, m) for i, u, m, _, _ in rows if i in quarantined} - set(latest)
    return {
        "build_file": built.name,
        "build_seconds": seconds,
        "feedback_rows_in_ratings": len(in_ratings),
        "quarantined_feedback_rows": len(quarantined),
        "quarantine_reasons": reasons,
        "distinct_pairs_accepted": len(pairs),
        "overrides": len(rows) - len(pairs),
        "counted": len(in_ratings) + len(quarantined_pairs),
        "latest_rating_wins": found == expected,
        "rows_differing_from_latest": len(found ^ expected),
        "snapshot_watermark": snapshot[0] if snapshot else None,
        "snapshot_rows": snapshot[1] if snapshot else None,
        "max_store_id": rows[-1][0] if rows else 0,
        "build_summary_feedback": summary,
        "model_gate": [
            {"model": m, "metric": k, "live": lv, "new": nv, "verdict": v}
            for m, k, lv, nv, v in gate
        ],
    }


# -- the run --------------------------------------------------------------------------------------


def warm(base: str, paths: list[str]) -> int:
    """Ask for each distinct path once (8 at a time), so that every phase reads from the
    answer cache the same way; returns how many answered other than 200."""
    from concurrent.futures import ThreadPoolExecutor

    def ask(client: httpx.Client, path: str) -> int:
        return client.get(path).status_code

    with httpx.Client(base_url=base, timeout=60) as client, ThreadPoolExecutor(8) as pool:
        codes = list(pool.map(lambda path: ask(client, path), sorted(set(paths))))
    return sum(code != 200 for code in codes)


def read_phase(server: Server, args, files: tuple[Path, Path], seconds: float) -> dict:
    result = finish_wrk(
        start_wrk(server.base, *files, seconds, args.read_connections, args.read_delay_ms)
    )
    result["rss_mib"] = server.rss_mib()
    return result


def main() -> int:
    settings = get_settings()
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--warehouse", type=Path, default=settings.warehouse_path)
    parser.add_argument("--read-seconds", type=float, default=30)
    parser.add_argument("--write-seconds", type=float, default=60)
    parser.add_argument("--warmup", type=float, default=5)
    parser.add_argument("--writers", type=int, default=8)
    parser.add_argument(
        "--write-rate",
        type=float,
        default=0.0,
        help="posts per second of all writers together (0: each as fast as answered)",
    )
    parser.add_argument("--users", type=int, default=2000, help="new user ids writers draw")
    parser.add_argument("--read-connections", type=int, default=16)
    parser.add_argument("--read-delay-ms", type=int, default=10)
    parser.add_argument("--seed", type=int, default=16)
    parser.add_argument("--build", action="store_true", help="count them in the next build")
    parser.add_argument("--raw", type=Path, default=None, help="raw directory of --build")
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is not installed (make bench-feedback installs it)")
    live = args.warehouse
    if not live.exists():
        raise SystemExit(f"no live build at {live}: python -m warehouse build first")

    print(f"machine: {machine()}")
    print(f"load average before: {load_average()}")
    print(f"warehouse: {live} -> {Path(os.path.realpath(live)).name}")
    load = workload(live, args.seed)
    summary: dict = {
        "machine": machine(),
        "load_average_before": load_average(),
        "warehouse": Path(os.path.realpath(live)).name,
        "settings": {
            k: getattr(args, k)
            for k in (
                "read_seconds",
                "write_seconds",
                "writers",
                "write_rate",
                "users",
                "read_connections",
                "read_delay_ms",
                "seed",
            )
        },
    }
    failed = False
    with tempfile.TemporaryDirectory(prefix="feedback-load-") as scratch:
        workdir = Path(scratch)
        store = workdir / "feedback.sqlite"
        paths = workdir / "reads.paths"
        paths.write_text("\n".join(load.read_paths) + "\n")
        script = workdir / "reads.lua"
        script.write_text(WRK_SCRIPT)
        files = (paths, script)
        with Server(live, store, workdir / "serve.log") as server:
            not_ok = warm(server.base, load.read_paths)
            if not_ok:
                print(f"warning: {not_ok} read paths did not answer 200 when warming up")
            read_phase(server, args, files, args.warmup)
            before = read_phase(server, args, files, args.read_seconds)

            # Writers share CPU 1 with wrk (the server has CPU 0).
            cpus = os.sched_getaffinity(0)
            if (os.cpu_count() or 1) > 1:
                os.sched_setaffinity(0, {1})
            stop = threading.Event()
            records = [Writer() for _ in range(args.writers)]
            threads = [
                threading.Thread(
                    target=write_until,
                    args=(server.base, stop, load.films, args.users, args.seed + i, record),
                    kwargs={"interval": args.writers / args.write_rate if args.write_rate else 0.0},
                )
                for i, record in enumerate(records)
            ]
            reads = start_wrk(
                server.base, *files, args.write_seconds, args.read_connections, args.read_delay_ms
            )
            started = time.monotonic()
            for thread in threads:
                thread.start()
            during = finish_wrk(reads)
            stop.set()
            for thread in threads:
                thread.join()
            write_seconds = time.monotonic() - started
            os.sched_setaffinity(0, cpus)
            during["rss_mib"] = server.rss_mib()

            after = read_phase(server, args, files, args.read_seconds)
        accepted = [a for r in records for a in r.accepted]
        refused = sum((r.refused for r in records), collections.Counter())
        errors = sum((r.failed for r in records), collections.Counter())
        latencies = [x for r in records for x in r.latencies]
        ratings = sum(len(items) for _, _, items in accepted)
        store_check = check_store(store, accepted)
        failed |= store_check["lost"] > 0 or store_check["extra"] > 0
        writes = {
            "seconds": write_seconds,
            "posts_accepted": len(accepted),
            "ratings_accepted": ratings,
            "posts_per_second": len(accepted) / write_seconds,
            "ratings_per_second": ratings / write_seconds,
            "non_202_by_status": {str(k): v for k, v in sorted(refused.items())},
            "client_errors": dict(errors),
            "p50_ms": percentile(latencies, 50) * 1000,
            "p99_ms": percentile(latencies, 99) * 1000,
        }
        summary.update(
            reads={"alone": before, "with_writes": during, "alone_after": after},
            writes=writes,
            store=store_check,
        )

        rate = f" at {args.write_rate:g}/s" if args.write_rate else ""
        print()
        print(f"{'reads':<34} {'rps':>8} {'p50 ms':>8} {'p90 ms':>8} {'p99 ms':>8} {'errors':>7}")
        for label, result in (
            (f"alone ({args.read_seconds:.0f} s, baseline)", before),
            (f"with {args.writers} writers{rate} ({args.write_seconds:.0f} s)", during),
            (f"alone again ({args.read_seconds:.0f} s)", after),
        ):
            print(
                f"{label:<34} {result['rps']:>8.0f} {result['p50_us'] / 1000:>8.2f} "
                f"{result['p90_us'] / 1000:>8.2f} {result['p99_us'] / 1000:>8.2f} "
                f"{result['errors']:>7}"
            )
        ratios = {
            "rps": during["rps"] / before["rps"],
            "p50": during["p50_us"] / before["p50_us"],
            "p99": during["p99_us"] / before["p99_us"],
            "p99_after_vs_before": after["p99_us"] / before["p99_us"],
        }
        summary["read_ratios_to_baseline"] = ratios
        print(
            f"{'with writers / baseline':<34} {ratios['rps']:>7.2f}x {ratios['p50']:>7.2f}x "
            f"{'':>8} {ratios['p99']:>7.2f}x   (alone again / baseline: p99 "
            f"{ratios['p99_after_vs_before']:.2f}x)"
        )
        print()
        print(
            f"writes: {len(accepted):,} posts accepted (202), {ratings:,} ratings, "
            f"{writes['posts_per_second']:.0f} posts/s = {writes['ratings_per_second']:.0f} "
            f"ratings/s; latency p50 {writes['p50_ms']:.1f} ms, p99 {writes['p99_ms']:.1f} ms; "
            f"non-202 {writes['non_202_by_status'] or 0}; client errors {dict(errors) or 0}"
        )
        print(
            f"store: {store_check['stored_rows']:,} rows for {store_check['accepted_ratings']:,}"
            f" accepted ratings of {store_check['users']:,} users: lost {store_check['lost']},"
            f" extra {store_check['extra']}, users differing {store_check['users_differing']}"
        )

        if args.build:
            print("\nbuilding from this store (a scratch live path; the live build stays) ...")
            counted = scratch_build(live, store, workdir, args.raw)
            summary["build"] = counted
            ok = (
                counted["counted"] == counted["distinct_pairs_accepted"]
                and counted["latest_rating_wins"]
                and counted["snapshot_rows"] == store_check["stored_rows"]
                and counted["snapshot_watermark"] == counted["max_store_id"]
            )
            failed |= not ok
            print(
                f"build {counted['build_file']} ({counted['build_seconds']:.0f} s): "
                f"ratings where source = 'feedback' {counted['feedback_rows_in_ratings']:,} + "
                f"quarantined {counted['quarantined_feedback_rows']:,} "
                f"{counted['quarantine_reasons'] or ''} = {counted['counted']:,}; accepted "
                f"{store_check['accepted_ratings']:,} - overrides {counted['overrides']:,} = "
                f"{counted['distinct_pairs_accepted']:,} distinct (user, film): "
                f"{'OK' if ok else 'DIFFERENT'}"
            )
            print(
                f"latest rating wins for every (user, film): {counted['latest_rating_wins']} "
                f"({counted['rows_differing_from_latest']} differing); snapshot: watermark "
                f"{counted['snapshot_watermark']} of {counted['max_store_id']}, "
                f"{counted['snapshot_rows']:,} rows; build_summary feedback (read, kept, "
                f"rejected) {counted['build_summary_feedback']}"
            )
            for row in counted["model_gate"]:
                print(
                    f"  model gate {row['model']} {row['metric']}: {row['live']} -> "
                    f"{row['new']} {row['verdict']}"
                )
    summary["load_average_after"] = load_average()
    summary["ok"] = not failed
    print(f"\nload average after: {summary['load_average_after']}")
    print(json.dumps(summary, default=str))
    if args.json:
        args.json.write_text(json.dumps(summary, indent=2, default=str) + "\n")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
