"""The body of `/health`, and the row it is built from."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

import msgspec


class RowCounts(msgspec.Struct):
    movies: int
    people: int
    cast_credits: int
    crew_credits: int
    collections: int
    companies: int
    ratings: int


class CacheStats(msgspec.Struct):
    """Answers kept in memory (builds are immutable): query results of the current build
    (`entries`, with approximate `hits` / `misses`) and whole responses (`responses`)."""

    entries: int
    hits: int
    misses: int
    responses: int


class WorkerBuild(msgspec.Struct):
    """One worker process and the build it serves: attached at `attached_at`, after
    `switches` swaps since the worker started."""

    pid: int
    warehouse_file: str
    attached_at: datetime
    switches: int


class Health(msgspec.Struct):
    """The build the API answers from: `warehouse_path` is the live path's name, and
    `warehouse_file` the name of the build file it points at (names only, no directories).

    `warehouse_file`, `attached_at`, `switches` and `cache` are those of the worker process
    that answered; `workers` counts the worker processes serving now and `worker_builds` says
    which build each serves, by pid (one entry when one process serves). During a swap the
    workers may name two builds for up to the poll interval (API_POLL_INTERVAL)."""

    status: Literal["ok"]
    warehouse_path: str
    warehouse_file: str
    attached_at: datetime
    build_started_at: datetime | None
    build_finished_at: datetime | None
    dbt_version: str | None
    duckdb_version: str | None
    row_counts: RowCounts
    switches: int
    cache: CacheStats
    workers: int
    worker_builds: list[WorkerBuild]


class BuildInfo(msgspec.Struct):
    """The row of BUILD_INFO: when and with what the build was made, and its row counts."""

    build_started_at: datetime | None
    build_finished_at: datetime | None
    dbt_version: str | None
    duckdb_version: str | None
    movies: int
    people: int
    cast_credits: int
    crew_credits: int
    collections: int
    companies: int
    ratings: int
