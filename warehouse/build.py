"""The build lifecycle: a NEW DuckDB file, `dbt build` into it, the publish gate, then an
atomic swap (write-audit-publish).

Layout (beside the live path, e.g. `build/warehouse.duckdb`):

    build/warehouse.duckdb            symlink -> builds/warehouse-<UTC stamp>.duckdb (live)
    build/builds/warehouse-<stamp>.duckdb  the live build and the previous one (rollback)
    build/builds/warehouse-<stamp>.duckdb.sha256  its checksum (`sha256sum -c` format)
    build/builds/warehouse-<stamp>.docs.html, .report.html  its dbt docs and EDA report
    build/builds/warehouse-<stamp>.duckdb.feedback.parquet  the feedback store's snapshot it read
    build/builds/warehouse-<stamp>.duckdb.inputs.json  what it was built from (warehouse/inputs.py)
    build/builds/warehouse-<stamp>.search/, .documents/  its search index and ready answers
    build/builds/.scratch-<stamp>/    dbt's target and logs while a build runs
    build/logs/build-<stamp>.log      dbt's full log of each build (the last 10 are kept)
    build/warehouse.duckdb.lock       held while a build runs (one build at a time)

Readers resolve the symlink, so they see either the old build or the new one, never a file
being written. A failed or refused build deletes only its own new file: the live symlink and
the file it points to are untouched. A build killed outright (kill -9, power loss) leaves its
partial file and scratch directory behind; the next build, holding the lock, removes them.
"""

from __future__ import annotations

import contextlib
import fcntl
import gc
import hashlib
import json
import logging
import os
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from warehouse.build_pages import page_files, remove_orphan_pages, write_build_pages
from warehouse.document_store import remove_orphan_stores, store_dir, write_document_store
from warehouse.failures import explain, explain_error, log_path
from warehouse.inputs import inputs_path, snapshot_feedback, snapshot_path, write_inputs
from warehouse.model_gate import gate_summary, model_gate
from warehouse.progress import BuildProgress
from warehouse.publish import BuildRefused, gate_verdict, publish_gate
from warehouse.raw import RawInput, raw_file_columns
from warehouse.registry import RegistryError, register_build, register_refused, set_live
from warehouse.search_index import index_dir, remove_orphan_indexes, write_search_index
from warehouse.settings import REPO_ROOT, get_settings


class BuildFailed(Exception):
    """dbt reported errors or failing tests, or the gate refused the build; the message is a
    one-paragraph explanation in the user's terms."""


#: Build logs kept in `<live dir>/logs`.
KEEP_LOGS = 10


@dataclass(frozen=True)
class BuildResult:
    live_path: Path
    build_file: Path
    previous_file: Path | None
    wall_seconds: float
    progress: BuildProgress
    log_file: Path


def default_live_path() -> Path:
    """The live path of the settings (`WAREHOUSE_PATH`, else build/warehouse.duckdb)."""
    return get_settings().warehouse_path


def builds_dir(live_path: Path) -> Path:
    return live_path.parent / "builds"


def new_build_file(live_path: Path) -> Path:
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    return builds_dir(live_path) / f"{live_path.stem}-{stamp}.duckdb"


def current_build_file(live_path: Path) -> Path | None:
    if live_path.is_symlink() or live_path.exists():
        return Path(os.path.realpath(live_path))
    return None


@contextlib.contextmanager
def build_lock(live_path: Path):
    lock_path = live_path.with_name(live_path.name + ".lock")
    with open(lock_path, "w") as fh:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise BuildFailed(
                f"Another build of {live_path} is running (lock {lock_path} is held); "
                "nothing was changed."
            ) from None
        yield


def run_dbt(
    args: list[str],
    database: Path,
    raw: RawInput,
    progress: BuildProgress,
    target_path: Path | None = None,
    log_file: Path | None = None,
    dbt_vars: dict | None = None,
) -> None:
    """Run one dbt command against `database`; raise BuildFailed with what went wrong.

    dbt's artifacts go to `target_path` when given (kept), else to a scratch directory beside
    `database`; dbt's full log is copied to `log_file` when given. dbt itself prints nothing
    (its errors often carry tracebacks): progress lines come from `progress`, and a failure
    is one paragraph naming its cause and the log. A `build` is planned first (`plan_build`):
    the progress display learns what will run, and dbt still parses the project once."""
    from dbt.cli.main import dbtRunner

    # dbt logs through `logging`; when its log file cannot be written (a full disk) the
    # handler would print a traceback per line on stderr. The failure is reported once, by us.
    logging.raiseExceptions = False
    target_dir = (
        str(target_path)
        if target_path
        else tempfile.mkdtemp(prefix=".scratch-", dir=database.parent)
    )
    env = {
        "DBT_DUCKDB_PATH": str(database),
        "DBT_TARGET_PATH": target_dir,
        "DBT_LOG_PATH": target_dir,
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
    }
    saved = {k: os.environ.get(k) for k in env}
    os.environ.update(env)
    common = [
        "--project-dir",
        str(REPO_ROOT),
        "--profiles-dir",
        str(REPO_ROOT / "dbt_project"),
        "--vars",
        json.dumps({**raw.dbt_vars(), **(dbt_vars or {})}),
        "--log-level",
        "none",
        "--log-level-file",
        "debug",
    ]
    try:
        manifest = None
        if args[0] == "build":
            with progress.stage("dbt start-up") as step:
                manifest = plan_build(args[1:], common, progress)
                step.detail = f"{progress.nodes_total} nodes planned" if manifest else "no plan"
        result = dbtRunner(manifest=manifest, callbacks=[progress]).invoke([*args, *common])
    finally:
        _release_dbt_connection()
        if log_file is not None:
            with contextlib.suppress(OSError):
                log_file.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(Path(target_dir) / "dbt.log", log_file)
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
        if target_path is None:
            shutil.rmtree(target_dir, ignore_errors=True)
    _reraise_interrupt(result)
    if result.success:
        return
    raise BuildFailed(
        explain(
            args[0], progress.failures, progress.failure_details, result.exception, database, raw
        )
    )


#: What `dbt build` runs as nodes (an ephemeral model is compiled into others, not run).
BUILD_RESOURCE_TYPES = ("model", "seed", "snapshot", "test", "unit_test")
LS_KEYS = ("unique_id", "resource_type", "original_file_path", "config")


def plan_build(selection: list[str], common: list[str], progress: BuildProgress):
    """Parse the project and list what `dbt build <selection>` will run, by dbt's own
    selection (`dbt ls` on the parsed manifest, under a second); hand the list to `progress`
    and return the manifest for the build to reuse, so the project is parsed once as before.
    None when the project does not parse: the build then parses again and reports why."""
    from dbt.cli.main import dbtRunner

    parsed = dbtRunner().invoke(["parse", *common])
    _reraise_interrupt(parsed)
    if not parsed.success:
        return None
    listed = dbtRunner(manifest=parsed.result).invoke(
        ["ls", *selection, *common, "--output", "json", "--output-keys", *LS_KEYS]
    )
    _reraise_interrupt(listed)
    if not listed.success:
        return None
    nodes = [json.loads(line) for line in listed.result]
    progress.plan(
        (node["unique_id"], node["resource_type"], node["original_file_path"])
        for node in nodes
        if node["resource_type"] in BUILD_RESOURCE_TYPES
        and node.get("config", {}).get("materialized") != "ephemeral"
    )
    return parsed.result


def _reraise_interrupt(result) -> None:
    """dbt catches Ctrl-C and returns it as the run's exception: raise it again, so the build
    stops as interrupted (exit 130, new file removed) rather than as a failed dbt run."""
    if isinstance(result.exception, KeyboardInterrupt):
        raise KeyboardInterrupt


def _release_dbt_connection() -> None:
    """Close the DuckDB handle dbt-duckdb keeps for the process after a run.

    DuckDB allows one configuration per open file in a process: while dbt's read-write handle
    lives, neither the summary (read-only) nor a later build can open the file.
    """
    from dbt.adapters.duckdb.connections import DuckDBConnectionManager

    env = DuckDBConnectionManager._ENV
    if env is not None:
        env.close()
    DuckDBConnectionManager.close_all_connections()
    gc.collect()


def checksum_path(build_file: Path) -> Path:
    """The sidecar holding the SHA-256 of a build file, written when it passed the gate: the
    API checks the file it serves against it (a build is never written after that)."""
    return build_file.with_name(build_file.name + ".sha256")


def write_checksum(build_file: Path) -> str:
    digest = hashlib.sha256()
    with open(build_file, "rb") as fh:
        while chunk := fh.read(2**22):
            digest.update(chunk)
    checksum_path(build_file).write_text(f"{digest.hexdigest()}  {build_file.name}\n")
    return digest.hexdigest()


def _remove_database(path: Path) -> None:
    for candidate in (
        path,
        path.with_name(path.name + ".wal"),
        checksum_path(path),
        inputs_path(path),
        snapshot_path(path),
        *page_files(path),
    ):
        with contextlib.suppress(FileNotFoundError):
            candidate.unlink()
    shutil.rmtree(index_dir(path), ignore_errors=True)
    shutil.rmtree(store_dir(path), ignore_errors=True)


def swap_in(live_path: Path, build_file: Path) -> Path | None:
    """Point the live path at `build_file` atomically; return the build it replaced."""
    previous = current_build_file(live_path)
    if live_path.exists() and not live_path.is_symlink():
        # A plain file from an older layout: keep it as the previous build before replacing.
        kept = builds_dir(live_path) / f"{live_path.stem}-legacy.duckdb"
        os.link(live_path, kept)
        previous = kept
    tmp_link = live_path.with_name(f".{live_path.name}.{os.getpid()}.tmp")
    with contextlib.suppress(FileNotFoundError):
        tmp_link.unlink()
    os.symlink(os.path.relpath(build_file, live_path.parent), tmp_link)
    os.replace(tmp_link, live_path)
    return previous


def prune_builds(live_path: Path, keep: set[Path]) -> None:
    """Delete builds other than the live one and the previous one."""
    for candidate in builds_dir(live_path).glob(f"{live_path.stem}-*.duckdb"):
        if candidate.resolve() not in {k.resolve() for k in keep}:
            _remove_database(candidate)


def remove_leftovers(live_path: Path) -> list[Path]:
    """What builds killed outright left behind, removed under the build lock: build files
    newer than the live one (a build that never swapped), stray WAL files, scratch
    directories and temporary links. The live build and the newest older one (the rollback)
    stay. Returns what was removed."""
    directory = builds_dir(live_path)
    live = current_build_file(live_path)
    files = sorted(directory.glob(f"{live_path.stem}-*.duckdb"), key=lambda p: p.stat().st_mtime)
    # No live build: every file is a first build that never finished. Otherwise the files
    # written after the live one never swapped in.
    leftovers = files[files.index(live) + 1 :] if live in files else (files if live is None else [])
    removed: list[Path] = []
    for candidate in leftovers:
        _remove_database(candidate)
        removed.append(candidate)
    sidecars = [
        *directory.glob("*.duckdb.wal"),
        *directory.glob("*.duckdb.sha256"),
        *directory.glob("*.duckdb.inputs.json"),
        *directory.glob("*.duckdb.feedback.parquet"),
    ]
    for sidecar in sidecars:
        if not sidecar.with_name(sidecar.name.split(".duckdb.")[0] + ".duckdb").exists():
            sidecar.unlink(missing_ok=True)
            removed.append(sidecar)
    removed += remove_orphan_pages(directory)
    removed += remove_orphan_indexes(directory)
    removed += remove_orphan_stores(directory)
    for scratch in directory.glob(".scratch-*"):
        shutil.rmtree(scratch, ignore_errors=True)
        removed.append(scratch)
    for link in live_path.parent.glob(f".{live_path.name}.*.tmp"):
        link.unlink(missing_ok=True)
        removed.append(link)
    return removed


def prune_logs(live_path: Path) -> None:
    logs = sorted((live_path.parent / "logs").glob("build-*.log"))
    for old in logs[:-KEEP_LOGS]:
        old.unlink(missing_ok=True)


RECOMMENDER_SELECTORS = [
    "path:dbt_project/models/similarity+",
    "path:dbt_project/models/recommendations+",
]


def build(
    raw: RawInput,
    live_path: Path,
    progress: BuildProgress,
    skip_recommenders: bool = False,
    accept_changes: bool = False,
    feedback_path: Path | None = None,
    accept_regression: bool = False,
    model_parameters: dict[str, str] | None = None,
) -> BuildResult:
    """Build `raw` into a new file, audit it against the live build, and swap it in.

    accept_changes: publish even when the gate finds the new build would lose data against
    the live one (recorded in audit.build_summary.changes_accepted). feedback_path: the
    feedback store to snapshot (default: FEEDBACK_PATH, else feedback.sqlite beside
    `live_path`). accept_regression: publish even when the model gate finds the new models
    worse than the live ones (recorded in audit.model_gate). model_parameters: hyper-parameters
    of the served user model to replace (`recommender.serving.MODEL_PARAMETERS`)."""
    settings = get_settings()
    tracking_uri = settings.with_overrides(warehouse_path=live_path).resolved_mlflow_tracking_uri()
    live_path = live_path.expanduser().absolute()
    if feedback_path is None:
        feedback_path = settings.with_overrides(warehouse_path=live_path).resolved_feedback_path()
    builds_dir(live_path).mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    with build_lock(live_path):
        remove_leftovers(live_path)
        build_file = new_build_file(live_path)
        log_file = log_path(live_path, build_file)
        try:
            with progress.stage("feedback snapshot") as step:
                snapshot = snapshot_feedback(feedback_path, snapshot_path(build_file))
                write_inputs(build_file, raw, snapshot)
                step.detail = snapshot.describe()
            args = ["build"]
            if skip_recommenders:
                args += ["--exclude", *RECOMMENDER_SELECTORS]
            run_dbt(
                args,
                build_file,
                raw,
                progress,
                log_file=log_file,
                dbt_vars={
                    "accept_changes": accept_changes,
                    "build_id": build_file.stem,
                    "user_model_parameters": json.dumps(model_parameters or {}),
                    **snapshot.dbt_vars(),
                },
            )
            with progress.stage("pages") as step:
                write_build_pages(build_file, raw, progress)
                step.detail = "dbt docs page and EDA report written"
            # One stage (and one line of output) for both files written beside the build.
            with progress.stage("index, answers") as step:
                index = write_search_index(build_file).describe()
                step.detail = f"{index}; {write_document_store(build_file).describe()}"
            live_file = current_build_file(live_path)
            with progress.stage("model gate") as step:
                try:
                    compared = model_gate(
                        build_file,
                        live_file,
                        max_ndcg_drop=settings.gate_max_ndcg_drop,
                        max_rmse_rise=settings.gate_max_rmse_rise,
                        accept_regression=accept_regression,
                    )
                except BuildRefused:
                    register_refused(build_file, tracking_uri, live_file)
                    raise
                step.detail = gate_summary(compared)
            with progress.stage("publish gate") as step:
                checks = publish_gate(
                    build_file,
                    current_build_file(live_path),
                    {name: len(columns) for name, columns in raw_file_columns().items()},
                    max_row_drop=settings.max_row_drop,
                    max_quarantine_rise=settings.max_quarantine_rise,
                    accept_changes=accept_changes,
                )
                step.detail = gate_verdict((c.check_name, c.verdict) for c in checks or [])
            with progress.stage("model registry") as step:
                registration = register_build(
                    build_file,
                    tracking_uri,
                    live_file=live_file,
                    gate=[(c.model, c.metric, c.verdict) for c in compared],
                )
                step.detail = registration.describe()
            write_checksum(build_file)
        except BaseException as exc:
            _remove_database(build_file)
            if isinstance(exc, BuildRefused | BuildFailed | RegistryError | OSError | duckdb.Error):
                reason = explain_error(exc, build_file)
                log = f"Full log: {log_file}" if log_file.is_file() else "No log could be written."
                raise BuildFailed(
                    f"{reason}. The new build file was deleted; the live warehouse {live_path} "
                    f"is unchanged. {log}"
                ) from None
            raise
        finally:
            prune_logs(live_path)
        with progress.stage("swap") as step:
            previous = swap_in(live_path, build_file)
            prune_builds(live_path, {build_file} | ({previous} if previous else set()))
            step.detail = f"live -> {build_file.name}"
        warning = set_live(tracking_uri, registration)
        if warning is not None:
            print(f"warning: {warning}", file=sys.stderr)
    return BuildResult(
        live_path=live_path,
        build_file=build_file,
        previous_file=previous,
        wall_seconds=time.perf_counter() - started,
        progress=progress,
        log_file=log_file,
    )
