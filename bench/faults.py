"""The slow fault cases, on the full data: what `make test` checks on the small fixture.

Copies the live build (default: the settings' WAREHOUSE_PATH) into a scratch live directory,
then, against it:

1. `movies_dataset.csv` cut mid-record at byte 8.2 M → the publish gate refuses (exit 1), the
   live build stays byte-identical;
2. `netflix_titles.csv` without its `rating` column → refused before dbt (exit 2);
3. a build killed with SIGKILL while the recommenders train → live untouched; the next (good)
   build succeeds and removes what the killed one left.

Prints each case's outcome, its one-line error and its time, and the machine.

    python bench/faults.py [--warehouse build/warehouse.duckdb] [--raw ../shared/data]
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import os
import platform
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from warehouse.settings import REPO_ROOT, get_settings

csv.field_size_limit(2**31 - 1)


def digest(live: Path) -> tuple[str, str]:
    return os.readlink(live), hashlib.sha256(live.read_bytes()).hexdigest()


def build(raw: Path, live: Path, wait: bool = True):
    command = [
        sys.executable,
        "-m",
        "warehouse",
        "build",
        "--quiet",
        "--raw",
        str(raw),
        "--warehouse",
        str(live),
    ]
    if not wait:
        return subprocess.Popen(
            command, cwd=REPO_ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
        )
    return subprocess.run(command, cwd=REPO_ROOT, capture_output=True, text=True)


def linked_copy(raw: Path, out: Path) -> Path:
    """A raw directory of links to `raw`'s files, so one file can be replaced."""
    for path in raw.rglob("*.csv"):
        target = out / path.relative_to(raw)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.symlink_to(path.resolve())
    return out


def case(name: str, result, live: Path, before, expected: int) -> bool:
    line = (result.stderr.strip().splitlines() or [""])[-1]
    ok = result.returncode == expected and digest(live) == before
    print(
        f"{'PASS' if ok else 'FAIL'} {name}: exit {result.returncode} (expected {expected}), "
        f"live {'byte-identical' if digest(live) == before else 'CHANGED'}\n     {line[:400]}"
    )
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--warehouse", type=Path, default=get_settings().warehouse_path)
    parser.add_argument("--raw", type=Path, default=get_settings().resolved_raw_dir())
    args = parser.parse_args()
    print(
        f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}"
    )
    results = []
    with tempfile.TemporaryDirectory(dir=REPO_ROOT / "build") as tmp:
        scratch = Path(tmp)
        builds = scratch / "wh" / "builds"
        builds.mkdir(parents=True)
        source = Path(os.path.realpath(args.warehouse))
        shutil.copyfile(source, builds / source.name)
        live = scratch / "wh" / "warehouse.duckdb"
        live.symlink_to(Path("builds") / source.name)
        before = digest(live)

        truncated = linked_copy(args.raw, scratch / "truncated")
        movies = truncated / "movies" / "movies_dataset.csv"
        data = movies.read_bytes()
        movies.unlink()
        movies.write_bytes(data[:8_200_000])
        started = time.perf_counter()
        results.append(case("truncated movies file", build(truncated, live), live, before, 1))
        print(f"     {time.perf_counter() - started:.1f} s")

        no_column = linked_copy(args.raw, scratch / "no_column")
        netflix = no_column / "streaming" / "netflix_titles.csv"
        with open(netflix, newline="") as fh:
            rows = list(csv.reader(fh))
        netflix.unlink()
        index = rows[0].index("rating")
        with open(netflix, "w", newline="") as fh:
            csv.writer(fh).writerows(row[:index] + row[index + 1 :] for row in rows)
        started = time.perf_counter()
        results.append(case("netflix without rating", build(no_column, live), live, before, 2))
        print(f"     {time.perf_counter() - started:.1f} s")

        started = time.perf_counter()
        process = build(args.raw, live, wait=False)
        # the recommenders train after the marts: wait for the similarity model's features
        deadline = time.monotonic() + 600
        while time.monotonic() < deadline and process.poll() is None:
            logs = sorted((scratch / "wh" / "builds").glob(".scratch-*/dbt.log"))
            if logs and "ml_user_model_fitted" in logs[-1].read_text(errors="replace"):
                break
            time.sleep(0.5)
        process.send_signal(signal.SIGKILL)
        process.wait()
        killed_ok = digest(live) == before
        left = sorted(p.name for p in builds.iterdir() if p.name != source.name)
        again = build(args.raw, live)
        remaining = sorted(p.name for p in builds.iterdir())
        cleaned = (
            not [n for n in remaining if n.startswith(".scratch-")]
            and len([n for n in remaining if n.endswith(".duckdb")]) == 2
        )
        ok = killed_ok and again.returncode == 0 and cleaned
        print(
            f"{'PASS' if ok else 'FAIL'} kill -9 during the recommenders: live "
            f"{'untouched' if killed_ok else 'CHANGED'}, left {left}; next build exit "
            f"{again.returncode}, builds dir now {remaining}\n"
            f"     {time.perf_counter() - started:.1f} s"
        )
        results.append(ok)
    print(f"{sum(results)} passed, {len(results) - sum(results)} failed")
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
