"""The statement behind `/health` (view `api.build_info`: one row)."""

from __future__ import annotations

BUILD_INFO = """
select
    build_started_at, build_finished_at, dbt_version, duckdb_version,
    movies, people, cast_credits, crew_credits, collections, companies, ratings
from {db}.api.build_info
"""
