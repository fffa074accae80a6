"""How a worker should read the build's ready-to-send bodies: the options, measured in process.

For each per-key kind of the build's document store (warehouse/document_store.py), every key
once in random order (a crawl), one thread, no HTTP:

- `duckdb view`: the dbt view itself (`api.movie_documents`, ...), a point query per key:
  what answering from a relation costs without a store (the body is made per request);
- `duckdb table`: the bodies in an indexed DuckDB table, a point query per key;
- `mmap`: keys and offsets in memory, bodies memory-mapped, a slice per key;
- `pread`: keys and offsets in memory, one `os.pread` per key (what api/document_store.py
  does);
- `dict`: every body in a Python dict, loaded up front.

Printed per option: µs per lookup (median of 3 passes), the time to make it ready (load), and
what it added to the process's resident set after the crawl (RSS counts the pages of a map
that were touched; a pread leaves them in the page cache, outside the process).

    python bench/documents.py [--warehouse build/warehouse.duckdb] [--kinds movie person]
"""

from __future__ import annotations

import argparse
import mmap
import os
import random
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

import duckdb
import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from machine import machine

from warehouse.document_store import KINDS, kind_files, store_dir
from warehouse.settings import get_settings

PASSES = 3


def rss_mib() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def timed_crawl(lookup: Callable[[int], bytes | None], keys: list[int]) -> float:
    """Median µs per lookup over PASSES crawls of `keys`."""
    per_pass = []
    for _ in range(PASSES):
        started = time.perf_counter()
        for key in keys:
            if lookup(key) is None:
                raise SystemExit(f"key {key} not found")
        per_pass.append((time.perf_counter() - started) / len(keys) * 1e6)
    return statistics.median(per_pass)


def options(build: Path, kind: str) -> dict[str, Callable[[], Callable[[int], bytes | None]]]:
    relation, key = KINDS[kind]
    keys_file, offsets_file, bodies_file, _ = kind_files(store_dir(build), kind)

    def view():
        con = duckdb.connect(str(build), read_only=True)
        sql = f"select document from {relation} where {key} = $1"
        return lambda k: con.execute(sql, [k]).fetchone()[0].encode()

    def table():
        con = duckdb.connect(":memory:")
        con.execute(f"attach '{build}' as wh (read_only)")
        con.execute(f"create table docs as select {key} as k, document from wh.{relation}")
        con.execute("create index docs_k on docs (k)")
        return lambda k: con.execute("select document from docs where k = $1", [k]).fetchone()[0]

    def mapped():
        keys, offsets = np.load(keys_file), np.load(offsets_file)
        with bodies_file.open("rb") as f:
            blob = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)

        def get(k):
            i = int(keys.searchsorted(k))
            return blob[int(offsets[i]) : int(offsets[i + 1])]

        return get

    def pread():
        keys, offsets = np.load(keys_file), np.load(offsets_file)
        fd = os.open(bodies_file, os.O_RDONLY)

        def get(k):
            i = int(keys.searchsorted(k))
            start = int(offsets[i])
            return os.pread(fd, int(offsets[i + 1]) - start, start)

        return get

    def in_memory():
        keys, offsets = np.load(keys_file), np.load(offsets_file)
        blob = bodies_file.read_bytes()
        bodies = {int(k): blob[int(offsets[i]) : int(offsets[i + 1])] for i, k in enumerate(keys)}
        del blob
        return bodies.get

    return {
        "duckdb view": view,
        "duckdb table": table,
        "mmap": mapped,
        "pread": pread,
        "dict": in_memory,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--warehouse", default=str(get_settings().warehouse_path))
    parser.add_argument("--kinds", nargs="+", default=["movie", "person", "similar_films"])
    parser.add_argument(
        "--view-keys", type=int, default=2000, help="keys crawled by the slow `duckdb view` option"
    )
    args = parser.parse_args()
    build = Path(os.path.realpath(args.warehouse))
    if not store_dir(build).is_dir():
        raise SystemExit(f"{build} has no document store ({store_dir(build).name}); rebuild")
    print(f"machine: {machine()}")
    print(f"build: {build.name}; one thread, every key once in random order, median of {PASSES}")
    rng = random.Random(5)
    for kind in args.kinds:
        keys = np.load(kind_files(store_dir(build), kind)[0]).tolist()
        rng.shuffle(keys)
        size = kind_files(store_dir(build), kind)[2].stat().st_size / 2**20
        print(f"\n{kind}: {len(keys):,} bodies, {size:.1f} MiB")
        for name, make in options(build, kind).items():
            crawl = keys[: args.view_keys] if name == "duckdb view" else keys
            before = rss_mib()
            started = time.perf_counter()
            lookup = make()
            load = time.perf_counter() - started
            micros = timed_crawl(lookup, crawl)
            added = rss_mib() - before
            print(
                f"  {name:<13} {micros:8.1f} µs/lookup  load {load:6.2f} s  "
                f"RSS +{added:6.1f} MiB" + (f"  ({len(crawl):,} keys)" if crawl is not keys else "")
            )
            del lookup


if __name__ == "__main__":
    main()
