"""Which build the API answers from, and how its caches are doing."""

from __future__ import annotations

from api.db import Warehouse
from api.ops import queries
from api.ops.schemas import BuildInfo, CacheStats, Health, RowCounts


def health(warehouse: Warehouse, cached_responses: int = 0) -> Health:
    """The current build's file, times, versions and row counts, the swaps so far, and the
    cache figures (`cached_responses`: whole responses kept by the app's response cache)."""
    handle = warehouse.current
    info = warehouse.fetch_struct(queries.BUILD_INFO, (), BuildInfo)
    assert info is not None  # the view has exactly one row
    return Health(
        status="ok",
        warehouse_path=warehouse.path,
        warehouse_file=handle.target,
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
    )
