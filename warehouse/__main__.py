"""`python -m warehouse build|serve|docs|sample`: the entry point for people who run rebuilds."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from warehouse.build import BuildFailed, BuildResult, build, default_live_path
from warehouse.progress import PHASES, BuildProgress
from warehouse.raw import RawDataError, resolve_raw_input
from warehouse.summary import format_summary, read_summary


def _build(args: argparse.Namespace) -> int:
    try:
        raw = resolve_raw_input(args.raw)
    except RawDataError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    live_path = Path(args.target) if args.target else default_live_path()
    print(f"Building {live_path} from {raw.directory}")
    progress = BuildProgress(quiet=args.quiet)
    try:
        result = build(raw, live_path, progress, skip_recommenders=args.skip_recommenders)
    except BuildFailed as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(format_summary(read_summary(result.build_file), progress, result.wall_seconds))
    if args.timings_json:
        Path(args.timings_json).write_text(json.dumps(timings(result), indent=2))
    print(f"Live: {result.live_path} -> {result.build_file.name}"
          + (f" (previous: {result.previous_file.name})" if result.previous_file else ""))
    return 0


def timings(result: BuildResult) -> dict:
    return {
        "wall_seconds": result.wall_seconds,
        "dbt_startup_seconds": result.progress.startup_seconds,
        "phase_node_seconds": {p: result.progress.phase_seconds.get(p, 0.0) for p in PHASES},
        "nodes": result.progress.nodes_done,
    }


def _serve(args: argparse.Namespace) -> int:
    from api.serve import serve

    live_path = Path(args.target) if args.target else default_live_path()
    if not (live_path.is_symlink() or live_path.exists()):
        print(f"error: no warehouse at {live_path}; run `python -m warehouse build` first",
              file=sys.stderr)
        return 2
    serve(host=args.host, port=args.port, warehouse_path=str(live_path),
          access_log=args.access_log)
    return 0


def _docs(args: argparse.Namespace) -> int:
    from warehouse.docs import generate_docs

    live_path = Path(args.target) if args.target else default_live_path()
    try:
        raw = resolve_raw_input(args.raw)
        page = generate_docs(raw, live_path, Path(args.out) if args.out else None)
    except (RawDataError, BuildFailed) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(f"Docs of {live_path} -> {os.path.realpath(live_path)}: {page} "
          f"({page.stat().st_size / 2**20:.1f} MiB, served by the API at /warehouse-docs)")
    return 0


def _sample(args: argparse.Namespace) -> int:
    from warehouse.sample import write_sample

    counts = write_sample(Path(args.raw), Path(args.out))
    for name, rows in counts.items():
        print(f"{name:<40} {rows:>8,}")
    return 0


def _report(args: argparse.Namespace) -> int:
    from warehouse.report import ReportViewsMissing, WarehouseMissing, generate_report

    live_path = Path(args.warehouse) if args.warehouse else default_live_path()
    out_dir = Path(args.out) if args.out else None
    if not Path(os.path.realpath(live_path)).is_file():
        print(f"error: no warehouse at {live_path}; run `python -m warehouse build` first",
              file=sys.stderr)
        return 2
    print(f"Report on {live_path}")
    try:
        result = generate_report(live_path, out_dir, progress=lambda line: print(f"  {line}"))
    except WarehouseMissing:  # gone between the check above and the open (a rollback)
        print(f"error: no warehouse at {live_path}", file=sys.stderr)
        return 2
    except ReportViewsMissing as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(f"Wrote {result.path} ({result.bytes / 1e6:.1f} MB, {result.figures} plots, "
          f"{result.tables} tables) from {result.build_file.name} in {result.seconds:.1f} s")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m warehouse")
    commands = parser.add_subparsers(dest="command", required=True)

    build_cmd = commands.add_parser("build", help="build a new warehouse and swap it in")
    build_cmd.add_argument("--raw", help="raw data directory (default: $RAW_DATA_DIR, "
                           "../shared/data, else data/sample)")
    build_cmd.add_argument("--target", help="live warehouse path (default: $WAREHOUSE_PATH "
                           "or build/warehouse.duckdb)")
    build_cmd.add_argument("--quiet", action="store_true", help="no per-model progress lines")
    build_cmd.add_argument("--timings-json", help="write wall and per-phase seconds as JSON")
    build_cmd.add_argument("--skip-recommenders", action="store_true",
                           help="build without the similarity and recommendation models "
                                "(and what depends on them): a quick rebuild of the SQL")
    build_cmd.set_defaults(func=_build)

    serve_cmd = commands.add_parser("serve", help="serve the API over the live warehouse")
    serve_cmd.add_argument("--host", default="127.0.0.1")
    serve_cmd.add_argument("--port", type=int, default=8000)
    serve_cmd.add_argument("--target", help="live warehouse path (default: $WAREHOUSE_PATH)")
    serve_cmd.add_argument("--access-log", action="store_true",
                           help="a JSON log line per request, with its request id")
    serve_cmd.set_defaults(func=_serve)

    docs_cmd = commands.add_parser(
        "docs", help="dbt docs (lineage, columns, tests) of the live build as one HTML file")
    docs_cmd.add_argument("--target", help="live warehouse path (default: $WAREHOUSE_PATH "
                          "or build/warehouse.duckdb)")
    docs_cmd.add_argument("--raw", help="raw data directory the sources point at (default as "
                          "for build)")
    docs_cmd.add_argument("--out", help="output directory (default: docs/ beside the live path)")
    docs_cmd.set_defaults(func=_docs)

    sample_cmd = commands.add_parser("sample", help="cut data/sample from the full raw files")
    sample_cmd.add_argument("--raw", default="../shared/data")
    sample_cmd.add_argument("--out", default="data/sample")
    sample_cmd.set_defaults(func=_sample)

    report_cmd = commands.add_parser("report", help="write the static EDA report (HTML)")
    report_cmd.add_argument("--warehouse", help="warehouse to report on, opened read-only "
                            "(default: $WAREHOUSE_PATH or build/warehouse.duckdb)")
    report_cmd.add_argument("--out", help="output directory (default: report/ beside the "
                            "warehouse, e.g. build/report); writes index.html")
    report_cmd.set_defaults(func=_report)

    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
