"""OpenAPI examples of the operational routes."""

from __future__ import annotations

#: Names, times and cache figures vary; the versions and row counts are the full data's.
HEALTH = {
    "status": "ok",
    "warehouse_path": "warehouse.duckdb",
    "warehouse_file": "warehouse-20261125T142438184547Z.duckdb",
    "attached_at": "2026-11-25T14:30:00.000000Z",
    "build_started_at": "2026-11-25T14:24:38.184547Z",
    "build_finished_at": "2026-11-25T14:24:44.397570Z",
    "dbt_version": "1.11.16",
    "duckdb_version": "v2.0.1",
    "row_counts": {
        "movies": 45346,
        "people": 61657,
        "cast_credits": 97317,
        "crew_credits": 68105,
        "collections": 1695,
        "companies": 23688,
        "ratings": 100004,
    },
    "switches": 0,
    "cache": {"entries": 4096, "hits": 120000, "misses": 4100, "responses": 8192},
    "workers": 2,
    "worker_builds": [
        {
            "pid": 41,
            "warehouse_file": "warehouse-20261125T142438184547Z.duckdb",
            "attached_at": "2026-11-25T14:30:00.000000Z",
            "switches": 0,
        },
        {
            "pid": 42,
            "warehouse_file": "warehouse-20261125T142438184547Z.duckdb",
            "attached_at": "2026-11-25T14:30:00.120000Z",
            "switches": 0,
        },
    ],
}

DEGRADED = {
    "type": "urn:movie-warehouse:problem:degraded",
    "title": "Degraded",
    "status": 503,
    "detail": "The live build warehouse-20261125T142438184547Z.duckdb fails its checks: "
    "checksum mismatch.",
    "build_file": "warehouse-20261125T142438184547Z.duckdb",
    "checks": {"checksum": "mismatch"},
}

METRICS = """\
# HELP movie_api_requests_total HTTP requests answered.
# TYPE movie_api_requests_total counter
movie_api_requests_total{method="GET",route="/actors/{name}",status="200"} 1520.0
movie_api_requests_total{method="GET",route="/actors/{name}",status="404"} 12.0
# HELP movie_api_request_duration_seconds Time from the request's arrival to the end of its \
response.
# TYPE movie_api_request_duration_seconds histogram
movie_api_request_duration_seconds_bucket{le="0.001",route="/actors/{name}"} 1490.0
...
# HELP movie_warehouse_build_age_seconds Seconds since the build being served finished.
# TYPE movie_warehouse_build_age_seconds gauge
movie_warehouse_build_age_seconds 3605.2
"""

REPORT_PAGE = (
    '<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
    "<title>The open movie warehouse: EDA report</title>\n</head>\n<body>\n"
    '<p class="stamp" id="build">Build <code>warehouse-20261125T172402209607Z'
    ".duckdb</code>, built 2026-11-25 17:24:03 UTC ...</p>\n"
    '<section id="releases"><h2>Releases</h2>\n<figure id="fig-releases-year">'
    '<img src="data:image/png;base64,..." alt="Films released per year. ...">'
    '<figcaption><p class="takeaway">Releases peak in 2014 with 1,973 films; '
    "...</p></figcaption></figure>\n...\n</body>\n</html>\n"
)

DOCS_PAGE = (
    '<!doctype html>\n<html lang="en" ng-app="dbt" class="no-flash video-js">\n'
    "<head>\n<title>dbt Docs</title>\n...\n</head>\n<body>\n...\n"
    '<script>...{"metadata": {"dbt_version": "1.11.16", "project_name": '
    '"movie_warehouse", "send_anonymous_usage_stats": false, ...}}...</script>\n'
    "</body>\n</html>\n"
)
