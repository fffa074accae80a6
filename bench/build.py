"""Benchmark warehouse builds: wall time and peak RSS, split into phases.

Runs `python -m warehouse build` on the real raw data in a child process (so peak RSS is the
build's alone, read with wait4), a few times, into a temporary target; prints every run, the
median, and the machine it ran on. Two variants:

- foundation: `--skip-recommenders`, the warehouse of issue 3 (sources -> marts, audit, api
  views, every dbt test). Target: <= 60 s wall, peak RSS <= 2 GB.
- full: everything, including the similar-items models (issue 6: similar-movies precompute
  <= 60 s, RSS <= 3 GB) and the user recommenders (issue 7).

    python bench/build.py [--raw ../shared/data] [--runs 3] [--variant foundation|full|both]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bench.machine import machine  # noqa: E402
from warehouse.raw import default_raw_dir  # noqa: E402

PHASES = ("load", "parse", "marts", "recommenders", "tests")


def one_build(raw: Path, target: Path, timings: Path, foundation: bool) -> dict:
    started = time.perf_counter()
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "warehouse",
            "build",
            "--quiet",
            "--raw",
            str(raw),
            "--target",
            str(target),
            "--timings-json",
            str(timings),
            *(["--skip-recommenders"] if foundation else []),
        ],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - started
    out, err = proc.communicate()
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"build failed:\n{out}\n{err}")
    data = json.loads(timings.read_text())
    data["process_wall_seconds"] = wall
    data["model_seconds"] = {
        line.split(":")[0]: float(line.split(" in ")[1].rstrip("s"))
        for line in err.splitlines()
        if " neighbours in " in line or " trained in " in line
    }
    data["peak_rss_mib"] = usage.ru_maxrss / 1024  # Linux reports KiB
    data["films"] = next(
        (
            parts[1]
            for parts in map(str.split, out.splitlines())
            if len(parts) == 2 and parts[0] == "movies"
        ),
        "?",
    )
    return data


def run_variant(name: str, raw: Path, runs: int, tmp: Path) -> None:
    foundation = name == "foundation"
    results = []
    for i in range(runs):
        result = one_build(
            raw, tmp / f"{name}-{i}" / "warehouse.duckdb", tmp / "t.json", foundation
        )
        results.append(result)
        phases = "  ".join(f"{p} {result['phase_node_seconds'].get(p, 0.0):5.1f}s" for p in PHASES)
        models = "  ".join(f"{m} {s:.1f}s" for m, s in result["model_seconds"].items())
        print(
            f"{name} run {i + 1}: wall {result['process_wall_seconds']:5.1f}s  peak RSS "
            f"{result['peak_rss_mib']:6.0f} MiB  dbt start-up "
            f"{result['dbt_startup_seconds']:4.1f}s  {phases}  films {result['films']}"
            + (f"\n    {models}" if models else "")
        )
    wall = statistics.median(r["process_wall_seconds"] for r in results)
    rss = max(r["peak_rss_mib"] for r in results)
    target = "<= 60 s wall, <= 2048 MiB" if foundation else "(no single target; see above)"
    print(f"{name}: median wall {wall:.1f}s, max peak RSS {rss:.0f} MiB   target {target}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--raw", type=Path, default=default_raw_dir())
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--variant", choices=["foundation", "full", "both"], default="both")
    args = parser.parse_args()
    print(f"machine: {machine()}")
    print(f"raw: {args.raw.resolve()}")
    print("phases are node seconds summed over dbt's 2 threads, so they can exceed the wall")
    with tempfile.TemporaryDirectory() as tmp:
        for name in ("foundation", "full"):
            if args.variant in (name, "both"):
                run_variant(name, args.raw, args.runs, Path(tmp))


if __name__ == "__main__":
    main()
