"""Benchmark the API: throughput, latency and memory of one uvicorn worker, and the ratio to a
pandas baseline answering the same actor/director questions the bootcamp way.

- Starts `python -m api` (uvicorn, one worker, httptools/uvloop when installed) over the
  warehouse, pinned to CPU 0 when `taskset` exists.
- Draws request paths Zipf-like from the warehouse (`api.*` views): actors, directors, titles
  (`/movies?title=`), franchises, countries and companies, in equal shares, each kind's names
  ranked by films (titles by popularity) and drawn with P(rank k) ~ 1 / k^s.
- Drives them with `wrk` (Lua script cycling through the paths) at 32 connections, pinned to
  CPU 1, after a warm-up; prints rps, p50/p99 latency, errors and the server's RSS.
- Runs the mix with the server's answer cache on (the default) and off (`--cache-size 0`), and
  an actor/director-only mix for the pandas ratio.
- pandas baseline, in process (no HTTP, which favours pandas): frames as the bootcamp ETLs
  leave them, one DataFrame scan per request:
    * `exploded`: one row per cast credit / director credit with the person's name, a
      boolean mask on the name column, `isin` on the films, then the sums;
    * `list column`: one row per film with lists of actor and director names, and
      `Series.apply(lambda names: name in names)` per request.
  The ratio is API requests per second (actor/director mix) / baseline answers per second.

- Fairness ("slow misses never make cached answers wait"): a probe (wrk, 2 connections)
  asks for cached actor/director lookups while 32 other connections load the server, first
  with cached lookups only (the baseline), then with 30 % unknown names (each a miss that
  falls back to suggestions, 6-9 ms of DuckDB); prints the probe's p99 under both loads and
  their ratio. Target: p99 <= 10 ms under the unknown-name load.

    python bench/api.py [--warehouse build/warehouse.duckdb] [--seconds 30]
    python bench/api.py --fairness-only [--seconds 10]   # the fairness figure alone
    python bench/api.py --find-only [--seconds 20]       # search and discover alone
    python bench/api.py --crawl-only [--seconds 20]      # the crawls and /health alone

- Find (issue 14): search (>= 2,000 distinct queries over the five /search routes) and
  discover (>= 2,000 distinct filter combinations), each at 32 connections against a server
  with the answer cache off (every request computed), with their same-run in-process SQL
  baselines (bench/find_workload.py). Targets: search >= 1,500 rps, discover >= 1,000 rps,
  both p99 <= 25 ms.
- Crawl (issue 17): every key of `/movies/{id}`, `/movies/{id}/similar`, `/people/{id}` and
  `/users/{id}/recommendations` once in random order (the answer cache cannot help), each
  beside a `/health` run of the same server and printed as a ratio to it, with the server's
  start-up (process start to the first 200 on /health). Targets: each >= 5,000 rps, p99 <=
  10 ms, RSS <= 400 MB; start-up < 2 s.
Targets (issue 4): >= 1,500 rps, p99 <= 25 ms, RSS <= 300 MB, >= 100x pandas on actor/director.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import duckdb

sys.path.insert(0, str(Path(__file__).resolve().parent))
import find_workload
from machine import machine

from warehouse.settings import get_settings

REPO = Path(__file__).resolve().parent.parent
CONNECTIONS = 32
ZIPF_S = 1.1
TOP_NAMES = 5000
PATHS_PER_KIND = 5000
ACCESS_LOG = False  # the server's JSON access log (off by default, as `python -m api` serves)

KINDS = {
    # kind: (query returning names, most important first; route template)
    "actor": (
        "select name from api.actor_success where name_rank = 1 order by films desc, person_id",
        "/actors/{}",
    ),
    "director": (
        "select name from api.director_success where name_rank = 1 order by films desc, person_id",
        "/directors/{}",
    ),
    "title": (
        "select title from api.movie_by_title where title_rank = 1 "
        "order by popularity desc nulls last, movie_id",
        "/movies?title={}",
    ),
    "franchise": (
        "select franchise from api.franchise_success where name_rank = 1 "
        "order by films desc, collection_id",
        "/franchises/{}",
    ),
    "country": (
        "select country from api.films_by_country where films > 0 order by films desc",
        "/countries/{}",
    ),
    "company": (
        "select company from api.company_success where name_rank = 1 "
        "order by films desc, company_id",
        "/companies/{}",
    ),
}

# Routes of the later issues, each driven as its own run at the same load (32 connections):
# the items are drawn the same Zipf-like way; templates whose argument is already a path or
# query fragment are not URL-quoted.
EXTRA_KINDS = {
    # issue 6: similar films, most popular films first
    "similar": (
        "select movie_id::varchar from api.movie_by_title where title_rank = 1 "
        "order by popularity desc nulls last, movie_id",
        "/movies/{}/similar?limit=5",
    ),
    # issue 5: the six streaming queries and a title's similar titles
    "streaming_top_actor": (
        "select 'platform=' || platform || '&year=' || release_year from api.streaming_top_actors"
        " where actor_rank = 1 and release_year is not null order by appearances desc, platform",
        "/streaming/top-actor?{}",
    ),
    "streaming_longest": (
        "select 'platform=' || platform || '&year=' || release_year from "
        "(select platform, release_year, count(*) as n from api.streaming_longest_movie "
        "group by all) order by n desc, platform",
        "/streaming/longest-movie?{}",
    ),
    "streaming_score": (
        "select 'platform=' || platform || '&year=' || release_year || '&scored=3.5' from "
        "(select platform, release_year, count(*) as n from api.streaming_score_counts "
        "group by all) order by n desc, platform",
        "/streaming/score-count?{}",
    ),
    "streaming_country": (
        "select url_encode(country) || '?type=movie&year=' || release_year "
        "from api.streaming_country_counts"
        " where type = 'movie' and release_year is not null order by titles desc, country",
        "/streaming/countries/{}",
    ),
    "streaming_similar": (
        "select title_id from main.streaming_titles order by score desc nulls last, title_id",
        "/streaming/titles/{}/similar?limit=5",
    ),
    # issue 7: a user's recommendations and "should user U watch film M?"
    "user_recommendations": (
        "select distinct user_id::varchar from main.user_recommendations order by 1",
        "/users/{}/recommendations?limit=10",
    ),
    "user_prediction": (
        "select user_id || '/movies/' || movie_id from main.user_recommendations "
        "where rank <= 20 order by rank, user_id",
        "/users/{}",
    ),
}
UNQUOTED = {
    "streaming_top_actor",
    "streaming_longest",
    "streaming_score",
    "streaming_country",
    "user_prediction",
}
EXTRA_RUNS = {
    "similar films (issue 6)": ["similar"],
    "streaming routes (issue 5)": [
        "streaming_top_actor",
        "streaming_longest",
        "streaming_score",
        "streaming_country",
        "streaming_similar",
    ],
    "user routes (issue 7)": ["user_recommendations", "user_prediction"],
}

# A crawl (issue 17): every key of a per-key route once, in random order, as a client walking
# the catalogue does; the answer cache cannot help it. Each is run against the same server as
# a `/health` run, and printed as a ratio to it.
CRAWLS = {
    "/movies/{id}": ("select movie_id from api.movie_details", "/movies/{}"),
    "/movies/{id}/similar": ("select movie_id from api.movie_details", "/movies/{}/similar"),
    "/people/{id}": ("select person_id from api.person_details", "/people/{}"),
    "/users/{id}/recommendations": (
        "select distinct user_id from api.recommendations_for_user",
        "/users/{}/recommendations",
    ),
}
CRAWL_TARGET_RPS = 5000
CRAWL_TARGET_P99_MS = 10
CRAWL_TARGET_RSS_MB = 400

WRK_SCRIPT = r"""
local paths = {}
local counter = 0
function init(args)
    for line in io.lines(args[1]) do paths[#paths + 1] = line end
    counter = math.random(#paths)
end
function request()
    counter = counter % #paths + 1
    return wrk.format("GET", paths[counter])
end
function done(summary, latency, requests)
    local e = summary.errors
    io.write(string.format(
        'WRK_JSON {"requests": %d, "duration_us": %d, "connect": %d, "read": %d, '
        .. '"write": %d, "status": %d, "timeout": %d, "p50_us": %d, "p99_us": %d, '
        .. '"mean_us": %f, "max_us": %d}\n',
        summary.requests, summary.duration, e.connect, e.read, e.write, e.status, e.timeout,
        latency:percentile(50), latency:percentile(99), latency.mean, latency.max))
end
"""


def zipf_draw(names: list[str], count: int, rng: random.Random) -> list[str]:
    names = names[:TOP_NAMES]
    weights = [1 / (rank**ZIPF_S) for rank in range(1, len(names) + 1)]
    return rng.choices(names, weights=weights, k=count)


def draw_paths(warehouse: str, kinds: list[str], seed: int) -> tuple[list[str], dict]:
    rng = random.Random(seed)
    paths: list[str] = []
    distinct: dict[str, int] = {}
    with duckdb.connect(warehouse, read_only=True) as con:
        for kind in kinds:
            sql, template = {**KINDS, **EXTRA_KINDS}[kind]
            names = [row[0] for row in con.execute(sql).fetchall() if row[0] and row[0].strip()]
            drawn = zipf_draw(names, PATHS_PER_KIND, rng)
            distinct[kind] = len(set(drawn))
            quote = (
                (lambda name: name)
                if kind in UNQUOTED
                else (lambda name: urllib.parse.quote(name, safe=""))
            )
            paths += [template.format(quote(name)) for name in drawn]
    rng.shuffle(paths)
    return paths, distinct


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def pinned(cpu: int, command: list[str]) -> list[str]:
    if shutil.which("taskset") and (os.cpu_count() or 1) > cpu:
        return ["taskset", "-c", str(cpu), *command]
    return command


class Server:
    def __init__(self, warehouse: str, cache_size: int) -> None:
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        command = [
            sys.executable, "-m", "api", "--host", "127.0.0.1", "--port", str(self.port),
            "--warehouse", warehouse, "--cache-size", str(cache_size),
            *(["--access-log"] if ACCESS_LOG else []),
        ]  # fmt: skip
        # The server's log goes to a file: a pipe nobody reads fills up and blocks the server.
        self.log = tempfile.TemporaryFile()  # noqa: SIM115 (closed in __exit__)
        self.started = time.monotonic()
        self.startup_seconds = float("nan")
        self.proc = subprocess.Popen(
            pinned(0, command), cwd=REPO, stdout=subprocess.DEVNULL, stderr=self.log
        )

    def __enter__(self) -> Server:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                self.log.seek(0)
                raise SystemExit(f"server exited: {self.log.read().decode()[-2000:]}")
            try:
                with urllib.request.urlopen(f"{self.base}/health", timeout=2) as response:
                    if response.status == 200:
                        # From the process's start to its first 200 on /health.
                        self.startup_seconds = time.monotonic() - self.started
                        return self
            except OSError:
                time.sleep(0.01)
        raise SystemExit("server did not start in 60 s")

    def health(self) -> dict:
        with urllib.request.urlopen(f"{self.base}/health", timeout=30) as response:
            return json.load(response)

    def rss_mib(self) -> tuple[float, float]:
        """(current, peak) resident set of the server process, MiB."""
        values = {}
        for line in Path(f"/proc/{self.proc.pid}/status").read_text().splitlines():
            key, _, value = line.partition(":")
            if key in ("VmRSS", "VmHWM"):
                values[key] = int(value.split()[0]) / 1024
        return values.get("VmRSS", 0.0), values.get("VmHWM", 0.0)

    def __exit__(self, *exc_info: object) -> None:
        self.proc.send_signal(signal.SIGINT)
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self.log.close()


def wrk_command(
    base: str, paths_file: Path, script: Path, seconds: float, connections: int = CONNECTIONS
) -> list[str]:
    return pinned(1, [
        "wrk", "-t1", f"-c{connections}", f"-d{max(1, round(seconds))}s", "--timeout", "5s",
        "-s", str(script), base, "--", str(paths_file),
    ])  # fmt: skip


def run_wrk(base: str, paths_file: Path, script: Path, seconds: float) -> dict:
    command = wrk_command(base, paths_file, script, seconds)
    out = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    return parse_wrk(out)


def parse_wrk(out: str) -> dict:
    for line in out.splitlines():
        if line.startswith("WRK_JSON "):
            result = json.loads(line[len("WRK_JSON ") :])
            result["rps"] = result["requests"] / (result["duration_us"] / 1e6)
            result["errors"] = sum(
                result[k] for k in ("connect", "read", "write", "status", "timeout")
            )
            return result
    raise SystemExit(f"unexpected wrk output:\n{out}")


def load_run(
    server: Server, paths: list[str], workdir: Path, label: str, seconds: float, warmup: float
) -> dict:
    paths_file = workdir / f"{label}.paths"
    paths_file.write_text("\n".join(paths) + "\n")
    script = workdir / "mix.lua"
    script.write_text(WRK_SCRIPT)
    stored_before = server.health()["cache"]["responses"]
    warmup_requests = run_wrk(server.base, paths_file, script, warmup)["requests"] if warmup else 0
    result = run_wrk(server.base, paths_file, script, seconds)
    result["rss_mib"], result["peak_rss_mib"] = server.rss_mib()
    cache = server.health()["cache"]
    # Every response-cache miss that answered 2xx stored one entry (no eviction below 8192
    # entries), so the share of requests answered from the cache over the run is about:
    stored = cache["responses"] - stored_before
    total = warmup_requests + result["requests"]
    result["response_cache_hit_rate"] = 1 - stored / total if total and cache["responses"] else 0.0
    result["cache"] = cache
    return result


def report(label: str, result: dict) -> None:
    print(
        f"{label:<34} {result['rps']:>8.0f} rps  p50 {result['p50_us'] / 1000:6.2f} ms  "
        f"p99 {result['p99_us'] / 1000:6.2f} ms  errors {result['errors']}  "
        f"RSS {result['rss_mib']:.0f} MiB (peak {result['peak_rss_mib']:.0f})  "
        f"answered from cache ~{result['response_cache_hit_rate']:.0%} (incl. warm-up)"
    )


# -- fairness: cached answers under a load of slow misses -------------------------------------

UNKNOWN_SHARE = 0.3
PROBE_CONNECTIONS = 2
UNKNOWN_PATHS = 60_000


def unknown_name_paths(count: int, rng: random.Random) -> list[str]:
    """Distinct names no actor or director has (each one a miss: the lookup finds nothing and
    computes suggestions), shaped like names so the suggestion query does its full work."""
    letters = "abcdefghijklmnopqrstuvwxyz"
    paths = []
    for i in range(count):
        first = "".join(rng.choices(letters, k=rng.randint(4, 8)))
        last = "".join(rng.choices(letters, k=rng.randint(5, 10)))
        kind = "/actors/" if i % 2 else "/directors/"
        paths.append(kind + urllib.parse.quote(f"{first} {last}q{i}", safe=""))
    return paths


def probe_under_load(
    server: Server, probe_file: Path, load_file: Path, script: Path, seconds: float
) -> tuple[dict, dict]:
    """The probe's and the load's wrk results, run side by side for `seconds`."""
    load = subprocess.Popen(
        wrk_command(server.base, load_file, script, seconds), stdout=subprocess.PIPE, text=True
    )
    probe = subprocess.Popen(
        wrk_command(server.base, probe_file, script, seconds, connections=PROBE_CONNECTIONS),
        stdout=subprocess.PIPE,
        text=True,
    )
    probe_out, _ = probe.communicate()
    load_out, _ = load.communicate()
    return parse_wrk(probe_out), parse_wrk(load_out)


def warm(server: Server, paths: list[str]) -> None:
    """Ask for each path once (8 at a time), so the answer cache holds them all."""
    from concurrent.futures import ThreadPoolExecutor

    def ask(path: str) -> None:
        try:
            with urllib.request.urlopen(server.base + path, timeout=60) as answer:
                answer.read()
        except urllib.error.HTTPError:
            pass

    with ThreadPoolExecutor(8) as pool:
        list(pool.map(ask, paths))


def fairness_run(
    server: Server, known: list[str], workdir: Path, seconds: float, warmup: float, seed: int
) -> dict:
    """Probe p99 of cached lookups with a cached-only load (baseline) and with a load of
    UNKNOWN_SHARE unknown names, measured in the same server."""
    rng = random.Random(seed)
    script = workdir / "mix.lua"
    script.write_text(WRK_SCRIPT)
    known_file = workdir / "known.paths"
    known_file.write_text("\n".join(known) + "\n")
    unknown = unknown_name_paths(UNKNOWN_PATHS, rng)
    n_known = round(UNKNOWN_PATHS * (1 - UNKNOWN_SHARE) / UNKNOWN_SHARE)
    mixed = rng.choices(known, k=n_known) + unknown  # unknown names never repeat in a run
    rng.shuffle(mixed)
    mixed_file = workdir / "mixed.paths"
    mixed_file.write_text("\n".join(mixed) + "\n")
    warm(server, sorted(set(known)))  # every known name answered once: cached from here on
    run_wrk(server.base, known_file, script, warmup)
    baseline_probe, baseline_load = probe_under_load(
        server, known_file, known_file, script, seconds
    )
    mixed_probe, mixed_load = probe_under_load(server, known_file, mixed_file, script, seconds)
    return {
        "baseline_probe": baseline_probe, "baseline_load": baseline_load,
        "mixed_probe": mixed_probe, "mixed_load": mixed_load,
    }  # fmt: skip


def report_fairness(result: dict) -> None:
    base, mixed = result["baseline_probe"], result["mixed_probe"]
    ratio = mixed["p99_us"] / base["p99_us"] if base["p99_us"] else float("inf")
    print(
        f"fairness: cached lookup p99 (probe, {PROBE_CONNECTIONS} connections) "
        f"{base['p99_us'] / 1000:.2f} ms under {CONNECTIONS} connections of cached lookups; "
        f"{mixed['p99_us'] / 1000:.2f} ms under {CONNECTIONS} connections with "
        f"{UNKNOWN_SHARE:.0%} unknown names ({ratio:.2f}x the baseline); "
        f"p50 {base['p50_us'] / 1000:.2f} / {mixed['p50_us'] / 1000:.2f} ms; "
        f"load {result['baseline_load']['rps']:.0f} / {result['mixed_load']['rps']:.0f} rps; "
        f"errors {base['errors'] + mixed['errors']}; target p99 <= 10 ms: "
        + ("ok" if mixed["p99_us"] <= 10_000 else "MISSED")
    )


# -- crawl: every key once, in random order ---------------------------------------------------


def crawl_paths(warehouse: str, route: str, seed: int) -> list[str]:
    sql, template = CRAWLS[route]
    with duckdb.connect(warehouse, read_only=True) as con:
        keys = [row[0] for row in con.execute(sql).fetchall()]
    random.Random(seed).shuffle(keys)
    return [template.format(key) for key in keys]


def crawl_runs(
    warehouse: str, workdir: Path, seconds: float, warmup: float, seed: int
) -> dict[str, dict]:
    """Each crawl and a /health run on one fresh server (answer cache on, as served);
    printed with its ratio to /health and checked against the targets."""
    results: dict[str, dict] = {}
    with Server(warehouse, cache_size=8192) as server:
        print(f"start-up: {server.startup_seconds:.2f} s from process start to the first 200 "
              "on /health (target < 2 s)")  # fmt: skip
        health = load_run(server, ["/health"], workdir, "health", seconds, warmup)
        report("/health", health)
        results["/health"] = health
        for route in CRAWLS:
            paths = crawl_paths(warehouse, route, seed)
            result = load_run(server, paths, workdir, "crawl", seconds, warmup)
            results[route] = result
            met = (
                result["rps"] >= CRAWL_TARGET_RPS
                and result["p99_us"] <= CRAWL_TARGET_P99_MS * 1000
                and result["peak_rss_mib"] * 1.048576 <= CRAWL_TARGET_RSS_MB
                and result["errors"] == 0
            )
            print(
                f"crawl {route:<28} {len(paths):>6} keys {result['rps']:>8.0f} rps "
                f"({result['rps'] / health['rps']:.2f}x /health)  "
                f"p50 {result['p50_us'] / 1000:5.2f} ms  p99 {result['p99_us'] / 1000:5.2f} ms "
                f"({result['p99_us'] / max(health['p99_us'], 1):.2f}x)  errors {result['errors']}  "
                f"RSS {result['rss_mib']:.0f} MiB (peak {result['peak_rss_mib']:.0f})  "
                f"target >= {CRAWL_TARGET_RPS} rps, p99 <= {CRAWL_TARGET_P99_MS} ms, "
                f"RSS <= {CRAWL_TARGET_RSS_MB} MB: " + ("ok" if met else "MISSED")
            )
    results["startup_seconds"] = {"value": server.startup_seconds}
    return results


# -- pandas baseline --------------------------------------------------------------------------


def pandas_frames(warehouse: str):
    import pandas as pd

    with duckdb.connect(warehouse, read_only=True) as con:
        movies = con.execute(
            'select movie_id as id, title, release_date, "return", budget, revenue from main.movies'
        ).df()
        cast = con.execute(
            "select c.movie_id, p.name from main.movie_cast as c "
            "join main.people as p using (person_id)"
        ).df()
        directors = con.execute(
            "select d.movie_id, p.name from main.directors as d "
            "join main.people as p using (person_id)"
        ).df()
    per_film = pd.DataFrame({"id": movies["id"]})
    per_film["actores"] = per_film["id"].map(cast.groupby("movie_id")["name"].agg(list))
    per_film["directores"] = per_film["id"].map(directors.groupby("movie_id")["name"].agg(list))
    for column in ("actores", "directores"):
        per_film[column] = per_film[column].apply(lambda v: v if isinstance(v, list) else [])
    per_film = per_film.merge(movies, on="id")
    return movies, cast, directors, per_film


def pandas_baseline(warehouse: str, names: list[tuple[str, str]], budget_s: float) -> dict:
    movies, cast, directors, per_film = pandas_frames(warehouse)

    def actor_exploded(name: str):
        films = cast.loc[cast["name"] == name, "movie_id"]
        directed = directors.loc[directors["name"] == name, "movie_id"]
        films = films[~films.isin(directed)].unique()
        chosen = movies[movies["id"].isin(films)]
        total = chosen["return"].sum()
        return len(chosen), total, total / len(chosen) if len(chosen) else 0.0

    def director_exploded(name: str):
        films = directors.loc[directors["name"] == name, "movie_id"].unique()
        chosen = movies[movies["id"].isin(films)].sort_values("release_date")
        rows = chosen[["title", "release_date", "return", "budget", "revenue"]].to_dict("records")
        return len(chosen), chosen["return"].sum(), rows

    def actor_list(name: str):
        acted = per_film["actores"].apply(lambda names: name in names)
        directed = per_film["directores"].apply(lambda names: name in names)
        chosen = per_film[acted & ~directed]
        total = chosen["return"].sum()
        return len(chosen), total, total / len(chosen) if len(chosen) else 0.0

    def director_list(name: str):
        chosen = per_film[per_film["directores"].apply(lambda names: name in names)]
        chosen = chosen.sort_values("release_date")
        rows = chosen[["title", "release_date", "return", "budget", "revenue"]].to_dict("records")
        return len(chosen), chosen["return"].sum(), rows

    variants = {
        "exploded": {"actor": actor_exploded, "director": director_exploded},
        "list column": {"actor": actor_list, "director": director_list},
    }
    results = {}
    for variant, functions in variants.items():
        started = time.perf_counter()
        answered = 0
        for kind, name in names:
            functions[kind](name)
            answered += 1
            if time.perf_counter() - started > budget_s:
                break
        elapsed = time.perf_counter() - started
        results[variant] = answered / elapsed
    return results


FIND_PATHS = 4000


def find_runs(warehouse: str, workdir: Path, seconds: float, warmup: float, seed: int) -> dict:
    """Search and discover, uncached, with their in-process SQL baselines (same inputs)."""
    queries = find_workload.search_queries(warehouse, FIND_PATHS, seed)
    search = [f"{route}?q={urllib.parse.quote(q)}&limit=20" for route, q in queries]
    requests = find_workload.discover_requests(warehouse, FIND_PATHS, seed)
    discover = find_workload.discover_paths(requests)
    results = {}
    with Server(warehouse, cache_size=0) as server:
        for label, paths in (("search", search), ("discover", discover)):
            urllib.request.urlopen(server.base + paths[0], timeout=60).read()  # loads the build's
            results[label] = load_run(server, paths, workdir, label, seconds, warmup)
            report(f"{label}, {len(set(paths))} distinct (cache off)", results[label])
    budget = max(5.0, seconds / 2)
    baselines = {
        "search": find_workload.search_sql_baseline(warehouse, queries, budget),
        "discover": find_workload.discover_sql_baseline(warehouse, requests, budget),
    }
    names = {"search": "SQL inverted index (DuckDB, exact words)",
             "discover": "the reference statement (DuckDB)"}  # fmt: skip
    for label, qps in baselines.items():
        print(
            f"baseline {label}: {names[label]}, in process, 1 thread: {qps:,.0f} q/s; "
            f"API over HTTP / baseline: {results[label]['rps'] / qps:.1f}x"
        )
    results["baselines"] = baselines
    return results


def add_warehouse_option(parser: argparse.ArgumentParser) -> None:
    """`--warehouse`: the live warehouse the API benchmarks serve."""
    parser.add_argument(
        "--warehouse",
        default=str(get_settings().warehouse_path),
        help="live warehouse to serve (default: the settings' WAREHOUSE_PATH)",
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    add_warehouse_option(parser)
    parser.add_argument("--seconds", type=float, default=30, help="measured seconds per run")
    parser.add_argument("--warmup", type=float, default=3, help="warm-up seconds per run")
    parser.add_argument("--skip-uncached", action="store_true", help="skip the cache-off run")
    parser.add_argument("--seed", type=int, default=4)
    parser.add_argument(
        "--access-log",
        action="store_true",
        help="run the server with its JSON access log (off by default)",
    )
    parser.add_argument(
        "--skip-extra", action="store_true", help="skip the similar / streaming / user route runs"
    )
    parser.add_argument(
        "--find-only", action="store_true", help="only the search and discover runs (uncached)"
    )
    parser.add_argument(
        "--crawl-only",
        action="store_true",
        help="only the crawls (every key of the per-key routes once) and /health",
    )
    parser.add_argument(
        "--skip-crawl", action="store_true", help="skip the crawls of the per-key routes"
    )
    parser.add_argument(
        "--fairness-only",
        action="store_true",
        help="only the fairness run (cached lookups under unknown names)",
    )
    args = parser.parse_args()
    global ACCESS_LOG
    ACCESS_LOG = args.access_log

    if shutil.which("wrk") is None:
        raise SystemExit("wrk is needed (Debian: apt-get install -y wrk)")
    warehouse = os.path.realpath(args.warehouse)
    if not os.path.isfile(warehouse):
        raise SystemExit(f"no warehouse at {args.warehouse}; build it first")

    print(f"machine: {machine()}")
    print(f"warehouse: {warehouse}")
    print(
        f"load: wrk, 1 thread, {CONNECTIONS} connections (CPU 1); server: one uvicorn worker "
        f"(CPU 0); {args.seconds:g} s measured after {args.warmup:g} s warm-up per run"
    )
    mix, distinct = draw_paths(warehouse, list(KINDS), args.seed)
    people_mix, _ = draw_paths(warehouse, ["actor", "director"], args.seed + 1)
    print(
        f"mix: {len(mix)} paths, Zipf s={ZIPF_S} over the top {TOP_NAMES} names of each kind; "
        "distinct names drawn: " + ", ".join(f"{k} {v}" for k, v in distinct.items())
    )

    results = {}
    if args.crawl_only:
        with tempfile.TemporaryDirectory() as tmp:
            crawl_runs(warehouse, Path(tmp), args.seconds, args.warmup, args.seed)
        return
    if args.find_only:
        with tempfile.TemporaryDirectory() as tmp:
            find_runs(warehouse, Path(tmp), args.seconds, args.warmup, args.seed)
        return
    if args.fairness_only:
        with tempfile.TemporaryDirectory() as tmp, Server(warehouse, cache_size=8192) as server:
            report_fairness(
                fairness_run(server, people_mix, Path(tmp), args.seconds, args.warmup, args.seed)
            )
        return
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        with Server(warehouse, cache_size=8192) as server:
            results["mix"] = load_run(server, mix, workdir, "mix", args.seconds, args.warmup)
            report("lookup mix (answer cache on)", results["mix"])
            results["people"] = load_run(
                server, people_mix, workdir, "people", args.seconds, args.warmup
            )
            report("actor/director mix (cache on)", results["people"])
            results["fairness"] = fairness_run(
                server, people_mix, workdir, args.seconds, args.warmup, args.seed
            )
            report_fairness(results["fairness"])
            if not args.skip_extra:
                for label, kinds in EXTRA_RUNS.items():
                    paths, _ = draw_paths(warehouse, kinds, args.seed + 2)
                    results[label] = load_run(
                        server, paths, workdir, kinds[0], args.seconds, args.warmup
                    )
                    report(f"{label} (cache on)", results[label])
        if not args.skip_crawl:
            results["crawl"] = crawl_runs(warehouse, workdir, args.seconds, args.warmup, args.seed)
        if not args.skip_uncached:
            with Server(warehouse, cache_size=0) as server:
                results["mix_uncached"] = load_run(
                    server, mix, workdir, "mix", args.seconds, args.warmup
                )
                report("lookup mix (answer cache off)", results["mix_uncached"])
                results["people_uncached"] = load_run(
                    server, people_mix, workdir, "people", args.seconds, args.warmup
                )
                report("actor/director mix (cache off)", results["people_uncached"])
                if not args.skip_extra:
                    for label, kinds in EXTRA_RUNS.items():
                        paths, _ = draw_paths(warehouse, kinds, args.seed + 2)
                        key = f"{label} uncached"
                        results[key] = load_run(
                            server, paths, workdir, kinds[0], args.seconds, args.warmup
                        )
                        report(f"{label} (cache off)", results[key])

    names = []
    for path in people_mix:
        kind = "actor" if path.startswith("/actors/") else "director"
        names.append((kind, urllib.parse.unquote(path.rsplit("/", 1)[1])))
    baseline = pandas_baseline(warehouse, names, budget_s=max(5.0, args.seconds / 2))
    for variant, qps in baseline.items():
        ratios = [f"{results['people']['rps'] / qps:,.0f}x (cache on)"]
        if "people_uncached" in results:
            ratios.append(f"{results['people_uncached']['rps'] / qps:,.0f}x (cache off)")
        print(f"pandas baseline ({variant}): {qps:,.1f} answers/s; API is " + ", ".join(ratios))

    mix_result = results["mix"]
    print(
        "targets: rps >= 1500: {}; p99 <= 25 ms: {}; RSS <= 300 MB: {}".format(
            "ok" if mix_result["rps"] >= 1500 else "MISSED",
            "ok" if mix_result["p99_us"] <= 25_000 else "MISSED",
            "ok" if mix_result["peak_rss_mib"] * 1.048576 <= 300 else "MISSED",
        )
    )


if __name__ == "__main__":
    main()
