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


class Health(msgspec.Struct):
    """The build the API answers from: `warehouse_path` is the live path's name, and
    `warehouse_file` the name of the build file it points at (names only, no directories)."""

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
