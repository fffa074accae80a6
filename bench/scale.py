"""How the build grows with the data: synthetic 1x / 4x / 16x copies of the raw files.

The real data stops at 45k films; the questions for docs/scaling.md are what happens towards the
full TMDB (~1M films) and MovieLens 32M. `multiply_raw` writes a raw directory in the same layout
with every record repeated `factor` times under new ids (copy c shifts numeric ids by
c x 10,000,000, MovieLens users by c x 1,000,000 and suffixes streaming show ids with `c<c>`),
so ids stay unique, links and ratings keep pointing at the copies, and the dirt scales with the
rest (corrupt rows, duplicate ids, orphans: each copy has its own). People, companies,
collections and keywords keep their ids: a copy adds films to the same people, which is how the
catalogue grows in reality too (more films per person), and it keeps the bridges' joins real.

Each factor is built in a child process (`python -m warehouse build`, peak RSS from wait4); the
table gives wall time, peak RSS, the file size and the ratios to 1x.

    python bench/scale.py [--raw ../shared/data] [--factors 1 4 16] [--variant foundation|full]
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bench.build import PHASES, machine, one_build  # noqa: E402
from warehouse.raw import default_raw_dir  # noqa: E402

ID_STEP = 10_000_000  # > every TMDB / MovieLens id in the dataset
USER_STEP = 1_000_000
csv.field_size_limit(2**31 - 1)


def _shift(value: str, copy: int, step: int = ID_STEP) -> str:
    """A numeric id moved to its copy's range; anything else (the corrupt ids) unchanged."""
    text = value.strip()
    return str(int(text) + copy * step) if copy and re.fullmatch(r"\d+", text) else value


def _suffix(value: str, copy: int) -> str:
    return f"{value}c{copy}" if copy and value.strip() else value


#: file -> {column: how a copy changes it}
RULES = {
    "movies/movies_dataset.csv": {"id": _shift},
    "movies/movies_metadata.csv": {"id": _shift},
    "movies/credits.csv": {"id": _shift},
    "movies/keywords.csv": {"id": _shift},
    "movies/links.csv": {"movieId": _shift, "tmdbId": _shift},
    "movies/links_small.csv": {"movieId": _shift, "tmdbId": _shift},
    "movies/ratings_small.csv": {
        "userId": lambda v, c: _shift(v, c, USER_STEP),
        "movieId": _shift,
    },
    "streaming/amazon_prime_titles.csv": {"show_id": _suffix},
    "streaming/disney_plus_titles.csv": {"show_id": _suffix},
    "streaming/hulu_titles.csv": {"show_id": _suffix},
    "streaming/netflix_titles.csv": {"show_id": _suffix},
    "streaming/title_scores.csv": {"movieId": _suffix},
}


def multiply_file(source: Path, target: Path, factor: int, rules: dict) -> int:
    """Write `factor` copies of every record of `source`; returns the records written."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with source.open(newline="", encoding="utf-8") as fh:
        reader = csv.reader(fh)
        header = next(reader)
        records = list(reader)
    columns = {header.index(name): rule for name, rule in rules.items() if name in header}
    written = 0
    with target.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(header)
        for copy in range(factor):
            for record in records:
                if copy:
                    record = [
                        columns[i](v, copy) if i in columns and i < len(record) else v
                        for i, v in enumerate(record)
                    ]
                writer.writerow(record)
                written += 1
    return written


def multiply_raw(raw: Path, out: Path, factor: int) -> dict[str, int]:
    """A raw directory `factor` times the size of `raw`, in the same layout."""
    counts = {}
    for relative, rules in RULES.items():
        if (raw / relative).is_file():
            counts[relative] = multiply_file(raw / relative, out / relative, factor, rules)
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--raw", type=Path, default=default_raw_dir())
    parser.add_argument("--factors", type=int, nargs="+", default=[1, 4, 16])
    parser.add_argument(
        "--variant",
        choices=["foundation", "full"],
        default="foundation",
        help="foundation: --skip-recommenders (default); full: everything",
    )
    args = parser.parse_args()
    print(f"machine: {machine()}")
    print(f"raw: {args.raw.resolve()}  variant: {args.variant}")
    rows = []
    with tempfile.TemporaryDirectory(dir=REPO / "build") as tmp:
        for factor in args.factors:
            raw = Path(tmp) / f"raw-x{factor}"
            started = time.perf_counter()
            counts = multiply_raw(args.raw, raw, factor)
            print(
                f"x{factor}: wrote {sum(counts.values()):,} raw records in "
                f"{time.perf_counter() - started:.1f}s",
                flush=True,
            )
            target = Path(tmp) / f"x{factor}" / "warehouse.duckdb"
            result = one_build(
                raw, target, Path(tmp) / "timings.json", args.variant == "foundation"
            )
            size = target.resolve().stat().st_size / 2**20
            phases = "  ".join(
                f"{p} {result['phase_node_seconds'].get(p, 0.0):.1f}s" for p in PHASES
            )
            print(
                f"x{factor}: films {result['films']}  wall "
                f"{result['process_wall_seconds']:.1f}s  peak RSS "
                f"{result['peak_rss_mib']:.0f} MiB  file {size:.0f} MiB\n    {phases}",
                flush=True,
            )
            rows.append((factor, result, size))
            target.resolve().unlink()
    base = rows[0]
    print(
        f"\n| scale | films | wall (s) | peak RSS (MiB) | file (MiB) | wall / x{base[0]} "
        f"| RSS / x{base[0]} |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|")
    for factor, result, size in rows:
        print(
            f"| {factor}x | {result['films']} | {result['process_wall_seconds']:.1f} | "
            f"{result['peak_rss_mib']:.0f} | {size:.0f} | "
            f"{result['process_wall_seconds'] / base[1]['process_wall_seconds']:.2f} | "
            f"{result['peak_rss_mib'] / base[1]['peak_rss_mib']:.2f} |"
        )


if __name__ == "__main__":
    main()
