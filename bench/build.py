"""Benchmark a full warehouse build: wall time and peak RSS, split into load/parse/marts/tests.

Runs `python -m warehouse build` on the real raw data in a child process (so peak RSS is the
build's alone, read with wait4), a few times, into a temporary target; prints the median and
every run, plus the machine it ran on. Targets (issue 3): <= 60 s wall, peak RSS <= 2 GB.

    python bench/build.py [--raw ../shared/data] [--runs 3]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from warehouse.raw import default_raw_dir  # noqa: E402

PHASES = ("load", "parse", "marts", "tests")


def machine() -> str:
    cpu = "unknown cpu"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem_gib = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    return (f"{cpu}; {os.cpu_count()} cores; {mem_gib:.1f} GiB; {platform.system()} "
            f"{platform.release()}; Python {platform.python_version()}; load avg {load}")


def one_build(raw: Path, target: Path, timings: Path) -> dict:
    started = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-m", "warehouse", "build", "--quiet", "--raw", str(raw),
         "--target", str(target), "--timings-json", str(timings)],
        cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - started
    out, err = proc.communicate()
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"build failed:\n{out}\n{err}")
    data = json.loads(timings.read_text())
    data["process_wall_seconds"] = wall
    data["peak_rss_mib"] = usage.ru_maxrss / 1024  # Linux reports KiB
    data["films"] = next(
        (parts[1] for parts in map(str.split, out.splitlines())
         if len(parts) == 2 and parts[0] == "movies"), "?"
    )
    return data


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--raw", type=Path, default=default_raw_dir())
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    print(f"machine: {machine()}")
    print(f"raw: {args.raw.resolve()}")
    runs = []
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(args.runs):
            result = one_build(args.raw, Path(tmp) / "warehouse.duckdb", Path(tmp) / "t.json")
            runs.append(result)
            phases = "  ".join(f"{p} {result['phase_node_seconds'][p]:5.1f}s" for p in PHASES)
            print(f"run {i + 1}: wall {result['process_wall_seconds']:5.1f}s  peak RSS "
                  f"{result['peak_rss_mib']:6.0f} MiB  dbt start-up "
                  f"{result['dbt_startup_seconds']:4.1f}s  {phases}  films {result['films']}")
    wall = statistics.median(r["process_wall_seconds"] for r in runs)
    rss = max(r["peak_rss_mib"] for r in runs)
    med = {p: statistics.median(r["phase_node_seconds"][p] for r in runs) for p in PHASES}
    print(f"median wall {wall:.1f}s (target <= 60 s: {'met' if wall <= 60 else 'MISSED'}); "
          f"max peak RSS {rss:.0f} MiB (target <= 2048 MiB: {'met' if rss <= 2048 else 'MISSED'})")
    print("median node seconds by phase (nodes run on 2 dbt threads, so phases can overlap): "
          + ", ".join(f"{p} {s:.1f}s" for p, s in med.items()))


if __name__ == "__main__":
    main()
