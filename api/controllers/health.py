"""`/health`: which build the API answers from (`api.build_info`)."""

from __future__ import annotations

from typing import Any

from litestar import Controller, Request, get
from litestar.datastructures import State

from api.cache import BoundedMemoryStore
from api.db import MAY_RUN_LONG, Warehouse
from api.docs import responses
from api.schemas import CacheStats, Health, RowCounts

BUILD_INFO = """
select
    build_started_at, build_finished_at, dbt_version, duckdb_version,
    movies, people, cast_credits, crew_credits, collections, companies, ratings
from {db}.api.build_info
"""


def health(warehouse: Warehouse, cached_responses: int = 0) -> Health:
    handle = warehouse.current
    row = warehouse.fetch_one(BUILD_INFO)
    assert row is not None  # the view has exactly one row
    started, finished, dbt_version, duckdb_version, *counts = row
    return Health(
        status="ok",
        warehouse_path=warehouse.path,
        warehouse_file=handle.target,
        attached_at=handle.attached_at,
        build_started_at=started,
        build_finished_at=finished,
        dbt_version=dbt_version,
        duckdb_version=duckdb_version,
        row_counts=RowCounts(*counts),
        switches=warehouse.switches,
        cache=CacheStats(
            entries=len(handle.cache),
            hits=handle.hits,
            misses=handle.misses,
            responses=cached_responses,
        ),
    )


class HealthController(Controller):
    path = "/health"
    tags = ("health",)

    @get(
        "/",
        sync_to_thread=MAY_RUN_LONG,
        summary="The build the API answers from: file, build time, row counts",
        responses=responses(
            Health,
            {
                "status": "ok",
                "warehouse_path": "build/warehouse.duckdb",
                "warehouse_file": "/srv/warehouse/build/builds/20261125T142438Z.duckdb",
                "attached_at": "2026-11-25T14:30:00.000000Z",
                "build_started_at": "2026-11-25T14:24:38.184547Z",
                "build_finished_at": "2026-11-25T14:24:44.397570Z",
                "dbt_version": "1.11.16",
                "duckdb_version": "v2.0.1",
                "row_counts": {
                    "movies": 45346,
                    "people": 61657,
                    "cast_credits": 97357,
                    "crew_credits": 68143,
                    "collections": 1695,
                    "companies": 23688,
                    "ratings": 100004,
                },
                "switches": 0,
                "cache": {"entries": 4096, "hits": 120000, "misses": 4100, "responses": 8192},
            },
            summary="GET /health",
            invalid=None,
        ),
    )
    def health(self, request: Request[Any, Any, Any], state: State) -> Health:
        store = request.app.response_cache_config.get_store_from_app(request.app)
        size = store.size() if isinstance(store, BoundedMemoryStore) else 0
        return health(state.warehouse, size)
