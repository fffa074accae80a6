"""The build lifecycle: a NEW DuckDB file, `dbt build` into it, then an atomic swap.

Layout (beside the live path, e.g. `build/warehouse.duckdb`):

    build/warehouse.duckdb            symlink -> builds/warehouse-<UTC stamp>.duckdb (live)
    build/builds/warehouse-<stamp>.duckdb  the live build and the previous one (rollback)
    build/warehouse.duckdb.lock       held while a build runs (one build at a time)

Readers resolve the symlink, so they see either the old build or the new one, never a file
being written. A failed build deletes only its own new file: the live symlink and the file it
points to are untouched.
"""

from __future__ import annotations

import contextlib
import fcntl
import gc
import json
import os
import shutil
import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from warehouse.progress import BuildProgress
from warehouse.raw import RawInput
from warehouse.settings import REPO_ROOT, get_settings


class BuildFailed(Exception):
    """dbt reported errors or failing tests; the message is a one-paragraph explanation."""


@dataclass(frozen=True)
class BuildResult:
    live_path: Path
    build_file: Path
    previous_file: Path | None
    wall_seconds: float
    progress: BuildProgress


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


def run_dbt(args: list[str], database: Path, raw: RawInput, progress: BuildProgress,
            target_path: Path | None = None) -> None:
    """Run one dbt command against `database`; raise BuildFailed with what went wrong.

    dbt's artifacts go to `target_path` when given (kept), else to a scratch directory."""
    from dbt.cli.main import dbtRunner

    target_dir = str(target_path) if target_path else tempfile.mkdtemp(prefix="dbt-target-")
    env = {
        "DBT_DUCKDB_PATH": str(database),
        "DBT_TARGET_PATH": target_dir,
        "DBT_LOG_PATH": target_dir,
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
    }
    saved = {k: os.environ.get(k) for k in env}
    os.environ.update(env)
    try:
        result = dbtRunner(callbacks=[progress]).invoke(
            [
                *args,
                "--project-dir", str(REPO_ROOT),
                "--profiles-dir", str(REPO_ROOT / "dbt_project"),
                "--vars", json.dumps(raw.dbt_vars()),
                "--quiet",
            ]
        )
    finally:
        _release_dbt_connection()
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
        if target_path is None:
            shutil.rmtree(target_dir, ignore_errors=True)
    if result.success:
        return
    if progress.failures:
        reasons = "; ".join(progress.failures[:5])
        more = len(progress.failures) - 5
        if more > 0:
            reasons += f"; and {more} more"
    else:
        reasons = str(result.exception or "dbt reported failure without a failing node")
    raise BuildFailed(f"dbt {args[0]} failed: {reasons}.")


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


def _remove_database(path: Path) -> None:
    for candidate in (path, path.with_name(path.name + ".wal")):
        with contextlib.suppress(FileNotFoundError):
            candidate.unlink()


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


RECOMMENDER_SELECTORS = ["path:dbt_project/models/similarity+",
                         "path:dbt_project/models/recommendations+"]


def build(raw: RawInput, live_path: Path, progress: BuildProgress,
          skip_recommenders: bool = False) -> BuildResult:
    live_path = live_path.expanduser().absolute()
    builds_dir(live_path).mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    with build_lock(live_path):
        build_file = new_build_file(live_path)
        try:
            args = ["build"]
            if skip_recommenders:
                args += ["--exclude", *RECOMMENDER_SELECTORS]
            run_dbt(args, build_file, raw, progress)
        except BaseException as exc:
            _remove_database(build_file)
            if isinstance(exc, BuildFailed):
                raise BuildFailed(
                    f"{exc} The new build file was deleted; the live warehouse {live_path} "
                    f"is unchanged."
                ) from None
            raise
        previous = swap_in(live_path, build_file)
        prune_builds(live_path, {build_file} | ({previous} if previous else set()))
    return BuildResult(
        live_path=live_path,
        build_file=build_file,
        previous_file=previous,
        wall_seconds=time.perf_counter() - started,
        progress=progress,
    )
