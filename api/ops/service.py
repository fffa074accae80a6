"""Which build the API answers from, and how its caches are doing."""

from __future__ import annotations

import os
from collections.abc import Sequence

import duckdb

from api import integrity
from api.db import Warehouse
from api.ops import queries
from api.ops.schemas import BuildInfo, CacheStats, Health, RowCounts, WorkerBuild
from api.problems import BuildDegraded
from api.workers import WorkerState


def failed_checks(warehouse: Warehouse) -> dict[str, str]:
    """The checks the current build fails: its checksum (verified in the background after
    attach, api.integrity) and one row of each key relation. Successful probes are kept in the
    build's result cache (a build never changes), so only the first call reads the file."""
    handle = warehouse.current
    failed = {}
    if handle.checksum in integrity.FAILED:
        failed["checksum"] = handle.checksum
    for name, sql in queries.PROBES.items():
        try:
            warehouse.query(sql)
        except duckdb.CatalogException:
            if name not in queries.OPTIONAL_RELATIONS:  # else: a build without recommenders
                failed[f"api.{name}"] = "missing"
        except duckdb.Error:
            failed[f"api.{name}"] = "unreadable"
    return failed


def health(
    warehouse: Warehouse, cached_responses: int = 0, workers: Sequence[WorkerState] | None = None
) -> Health:
    """The current build's file, times, versions and row counts, the swaps so far, and the
    cache figures (`cached_responses`: whole responses kept by the app's response cache);
    the worker processes serving and the build each serves (`workers`, from
    RequestMetrics.workers; default: this process alone).

    BuildDegraded (503) when the build fails a check (`failed_checks`). Paths are given as
    names only (the live path's and the build file's): an answer reveals no directory."""
    handle = warehouse.current
    build_file = os.path.basename(handle.target)
    failed = failed_checks(warehouse)
    if failed:
        raise BuildDegraded(build_file, failed)
    info = warehouse.fetch_struct(queries.BUILD_INFO, (), BuildInfo)
    assert info is not None  # the view has exactly one row
    if workers is None:
        workers = [WorkerState(os.getpid(), build_file, handle.attached_at, warehouse.switches)]
    return Health(
        status="ok",
        warehouse_path=os.path.basename(warehouse.path),
        warehouse_file=build_file,
        attached_at=handle.attached_at,
        build_started_at=info.build_started_at,
        build_finished_at=info.build_finished_at,
        dbt_version=info.dbt_version,
        duckdb_version=info.duckdb_version,
        row_counts=RowCounts(
            movies=info.movies,
            people=info.people,
            cast_credits=info.cast_credits,
            crew_credits=info.crew_credits,
            collections=info.collections,
            companies=info.companies,
            ratings=info.ratings,
        ),
        switches=warehouse.switches,
        cache=CacheStats(
            entries=len(handle.cache),
            hits=handle.hits,
            misses=handle.misses,
            responses=cached_responses,
        ),
        workers=len(workers),
        worker_builds=[
            WorkerBuild(
                pid=worker.pid,
                warehouse_file=worker.warehouse_file,
                attached_at=worker.attached_at,
                switches=worker.switches,
            )
            for worker in workers
        ],
    )
