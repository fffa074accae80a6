"""`python -m warehouse build|watch|serve|docs|report|sample|evaluate`: the one command line.

Every subcommand takes its paths with the same option names — `--warehouse` (the live path, a
symlink to the live build) and `--raw` (the raw data directory) — and falls back to the one
settings object (`warehouse/settings.py`: `WAREHOUSE_PATH`, `RAW_DATA_DIR`, …). The older
spellings keep working: `--target` is an alias of `--warehouse`; `python -m api` and
`python -m recommender` are the `serve` and `evaluate` subcommands under another name.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from warehouse.build import BuildFailed, BuildResult, build
from warehouse.progress import PHASES, BuildProgress
from warehouse.raw import RawDataError, resolve_raw_input
from warehouse.settings import Settings, SettingsError, get_settings, parse_workers
from warehouse.summary import format_details, format_summary, read_summary


def _settings(args: argparse.Namespace) -> Settings:
    """The process settings with this command line's `--warehouse` / `--raw` applied."""
    return get_settings().with_overrides(
        warehouse_path=getattr(args, "warehouse", None), raw_dir=getattr(args, "raw", None)
    )


def _has_build(live_path: Path) -> bool:
    return Path(os.path.realpath(live_path)).is_file()


def _no_build(live_path: Path) -> int:
    print(
        f"error: no warehouse at {live_path}; run `python -m warehouse build` first",
        file=sys.stderr,
    )
    return 2


def _build(args: argparse.Namespace) -> int:
    settings = _settings(args)
    live_path = settings.warehouse_path
    raw_dir = settings.resolved_raw_dir().expanduser().resolve()
    print(f"Building {live_path} from {raw_dir}", flush=True)
    progress = BuildProgress(quiet=args.quiet, verbose=args.verbose)
    try:
        with progress.showing():
            with progress.stage("raw files") as step:
                raw = resolve_raw_input(raw_dir)
                step.detail = f"{len(raw.files)} files, each as its contract declares"
            result = build(
                raw,
                live_path,
                progress,
                skip_recommenders=args.skip_recommenders,
                accept_changes=args.accept_changes,
                feedback_path=settings.resolved_feedback_path(),
                accept_regression=args.accept_regression,
                model_parameters=dict(args.model_param),
            )
    except RawDataError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except BuildFailed as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    summary = read_summary(result.build_file)
    print(format_summary(summary, progress, result.wall_seconds))
    _append_to_log(result.log_file, format_details(summary, progress, result.wall_seconds))
    if args.timings_json:
        Path(args.timings_json).write_text(json.dumps(timings(result), indent=2))
    print(
        f"Live: {result.live_path} -> {result.build_file.name}"
        + (f" (previous: {result.previous_file.name})" if result.previous_file else "")
    )
    print(f"Log: {result.log_file} (every node, and this summary in full)")
    return 0


def _model_parameter(text: str) -> tuple[str, str]:
    """`NAME=VALUE` of --model-param, checked against the served model's parameters."""
    from recommender.serving import MODEL_PARAMETERS

    name, sep, value = text.partition("=")
    if not sep or name not in MODEL_PARAMETERS:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not NAME=VALUE with NAME one of {', '.join(MODEL_PARAMETERS)}"
        )
    try:
        MODEL_PARAMETERS[name](value)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{name} takes a {MODEL_PARAMETERS[name].__name__}, not {value!r}"
        ) from None
    return name, value


def _watch(args: argparse.Namespace) -> int:
    from warehouse.watch import watch

    settings = _settings(args)
    return watch(
        settings.warehouse_path,
        settings.resolved_raw_dir(),
        settings.resolved_feedback_path(),
        interval=args.interval,
        quiet_period=args.quiet_period,
        once=args.once,
    )


def _append_to_log(log_file: Path, text: str) -> None:
    """The long summary goes to the build's log, not the terminal; no log, no summary there."""
    if log_file.is_file():
        with open(log_file, "a") as fh:
            fh.write(f"\n# Summary of the build\n{text}\n")


def timings(result: BuildResult) -> dict:
    return {
        "wall_seconds": result.wall_seconds,
        "dbt_startup_seconds": result.progress.startup_seconds,
        "phase_node_seconds": {p: result.progress.phase_seconds.get(p, 0.0) for p in PHASES},
        "nodes": result.progress.nodes_done,
    }


def _serve(args: argparse.Namespace) -> int:
    from api.db import WarehouseUnavailable
    from api.serve import WorkersFailed, serve

    settings = _settings(args).with_overrides(workers=args.workers, access_log=args.access_log)
    if args.cache_size is not None:
        settings = settings.with_overrides(
            cache_size=args.cache_size, response_cache_size=args.cache_size
        )
    live_path = settings.warehouse_path
    if not (live_path.is_symlink() or live_path.exists()):
        return _no_build(live_path)
    try:
        serve(host=args.host, port=args.port, settings=settings)
    except WarehouseUnavailable as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except WorkersFailed as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0


def _workers(value: str) -> int:
    """`--workers N|auto`."""
    try:
        return parse_workers(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number >= 1 nor auto") from None


def _docs(args: argparse.Namespace) -> int:
    from warehouse.docs import generate_docs

    settings = _settings(args)
    live_path = settings.warehouse_path
    try:
        raw = resolve_raw_input(settings.resolved_raw_dir())
        page = generate_docs(raw, live_path, Path(args.out) if args.out else None)
    except (RawDataError, BuildFailed) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(
        f"Docs of {live_path} -> {os.path.realpath(live_path)}: {page} "
        f"({page.stat().st_size / 2**20:.1f} MiB, served by the API at /warehouse-docs)"
    )
    return 0


def _sample(args: argparse.Namespace) -> int:
    from warehouse.sample import write_sample

    counts = write_sample(Path(args.raw), Path(args.out))
    for name, rows in counts.items():
        print(f"{name:<40} {rows:>8,}")
    return 0


def _report(args: argparse.Namespace) -> int:
    from warehouse.report import ReportViewsMissing, WarehouseMissing, generate_report

    live_path = _settings(args).warehouse_path
    out_dir = Path(args.out) if args.out else None
    if not _has_build(live_path):
        return _no_build(live_path)
    print(f"Report on {live_path}")
    try:
        result = generate_report(live_path, out_dir, progress=lambda line: print(f"  {line}"))
    except WarehouseMissing:  # gone between the check above and the open (a rollback)
        return _no_build(live_path)
    except ReportViewsMissing as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(
        f"Wrote {result.path} ({result.bytes / 1e6:.1f} MB, {result.figures} plots, "
        f"{result.tables} tables) from {result.build_file.name} in {result.seconds:.1f} s"
    )
    return 0


def _evaluate(args: argparse.Namespace) -> int:
    from recommender.__main__ import main as recommender_main

    argv = [f"evaluate-{args.what}", *args.options]
    if args.warehouse is not None:
        argv += ["--warehouse", args.warehouse]
    return recommender_main(argv)


def _warehouse_option(parser: argparse.ArgumentParser, what: str = "live warehouse") -> None:
    parser.add_argument(
        "--warehouse",
        "--target",
        dest="warehouse",
        metavar="PATH",
        help=f"{what} (default: $WAREHOUSE_PATH, else build/warehouse.duckdb "
        "in the repository; --target is the older name)",
    )


def _raw_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--raw",
        metavar="DIR",
        help="raw data directory (default: "
        "$RAW_DATA_DIR, else ../shared/data beside the repository, else "
        "data/sample)",
    )


def parser() -> argparse.ArgumentParser:
    root = argparse.ArgumentParser(prog="python -m warehouse", description=__doc__.split("\n")[0])
    commands = root.add_subparsers(dest="command", required=True)

    build_cmd = commands.add_parser("build", help="build a new warehouse and swap it in")
    _raw_option(build_cmd)
    _warehouse_option(build_cmd)
    output = build_cmd.add_mutually_exclusive_group()
    output.add_argument(
        "--quiet",
        action="store_true",
        help="no progress, only errors, warnings and the summary",
    )
    output.add_argument(
        "--verbose",
        action="store_true",
        help="a line per dbt node (and per stage) instead of the live display or the line "
        "per stage",
    )
    build_cmd.add_argument("--timings-json", help="write wall and per-phase seconds as JSON")
    build_cmd.add_argument(
        "--skip-recommenders",
        action="store_true",
        help="build without the similarity and recommendation models "
        "(and what depends on them): a quick rebuild of the SQL",
    )
    build_cmd.add_argument(
        "--accept-changes",
        action="store_true",
        help="publish even when the new build would lose rows against the "
        "live one (the publish gate's refusal is overridden and recorded)",
    )
    build_cmd.add_argument(
        "--accept-regression",
        action="store_true",
        help="publish even when the new build's models measure worse than the live ones "
        "(the model gate's refusal is overridden and recorded in audit.model_gate)",
    )
    build_cmd.add_argument(
        "--model-param",
        action="append",
        default=[],
        type=_model_parameter,
        metavar="NAME=VALUE",
        help="replace a hyper-parameter of the served user model, e.g. implicit.factors=32 "
        "(repeatable; names: recommender.serving.MODEL_PARAMETERS)",
    )
    build_cmd.set_defaults(func=_build)

    watch_cmd = commands.add_parser(
        "watch",
        help="rebuild when a raw file or the feedback store changed since the live build",
    )
    _raw_option(watch_cmd)
    _warehouse_option(watch_cmd)
    watch_cmd.add_argument(
        "--interval", type=float, default=300, help="seconds between checks (default: 300)"
    )
    watch_cmd.add_argument(
        "--quiet-period",
        type=float,
        default=30,
        help="seconds a change must hold still before a build starts (default: 30)",
    )
    watch_cmd.add_argument(
        "--once",
        action="store_true",
        help="check once and build at most once (cron, systemd timers); exit 0: nothing "
        "to do, 3: a new build is live, 1: the build failed, 2: could not check",
    )
    watch_cmd.set_defaults(func=_watch)

    serve_cmd = commands.add_parser("serve", help="serve the API over the live warehouse")
    serve_cmd.add_argument("--host", default="127.0.0.1")
    serve_cmd.add_argument("--port", type=int, default=8000)
    _warehouse_option(serve_cmd)
    serve_cmd.add_argument(
        "--cache-size",
        type=int,
        default=None,
        help="query results and answers kept in memory per process "
        "(0: no caching; default: $API_CACHE_SIZE, else 8192)",
    )
    serve_cmd.add_argument(
        "--workers",
        type=_workers,
        default=None,
        metavar="N|auto",
        help="worker processes sharing the port, each following the live build (auto: the "
        "cores this process may use, cgroup CPU quota included; default: $API_WORKERS, "
        "else 1)",
    )
    serve_cmd.add_argument(
        "--access-log",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="a JSON log line per request, with its request id (default: $API_ACCESS_LOG, "
        "else off: it costs about half the rps of cached answers)",
    )
    serve_cmd.set_defaults(func=_serve)

    docs_cmd = commands.add_parser(
        "docs", help="dbt docs (lineage, columns, tests) of the live build as one HTML file"
    )
    _warehouse_option(docs_cmd)
    _raw_option(docs_cmd)
    docs_cmd.add_argument(
        "--out",
        help="write index.html to this directory (default: rewrite the live build's own page, "
        "builds/<build>.docs.html)",
    )
    docs_cmd.set_defaults(func=_docs)

    sample_cmd = commands.add_parser("sample", help="cut data/sample from the full raw files")
    sample_cmd.add_argument("--raw", default="../shared/data", metavar="DIR")
    sample_cmd.add_argument("--out", default="data/sample")
    sample_cmd.set_defaults(func=_sample)

    report_cmd = commands.add_parser("report", help="write the static EDA report (HTML)")
    _warehouse_option(report_cmd, "warehouse to report on, opened read-only")
    report_cmd.add_argument(
        "--out",
        help="write index.html to this directory (default: rewrite the live build's own "
        "report, builds/<build>.report.html)",
    )
    report_cmd.set_defaults(func=_report)

    evaluate_cmd = commands.add_parser(
        "evaluate",
        help="offline evaluation of the recommenders; other options are those of "
        "`python -m recommender evaluate-users|evaluate-similar` (--json PATH, --models …)",
    )
    evaluate_cmd.add_argument(
        "what",
        choices=["users", "similar"],
        help="the user recommenders or the similar-items model",
    )
    _warehouse_option(evaluate_cmd, "built warehouse to read")
    evaluate_cmd.set_defaults(func=_evaluate)  # other options go to the recommender CLI
    return root


def main(argv: list[str] | None = None) -> int:
    root = parser()
    args, rest = root.parse_known_args(argv)
    if args.command == "evaluate":
        # `evaluate users --json x.json --models …`: the recommender CLI owns those options.
        args.options = rest
    elif rest:
        root.error(f"unrecognized arguments: {' '.join(rest)}")
    try:
        return args.func(args)
    except SettingsError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        # a build removes its own new file on the way out; the live one was never touched
        print("interrupted; the live warehouse is unchanged", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
