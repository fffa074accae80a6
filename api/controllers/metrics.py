"""`/metrics`: the API's Prometheus metrics (requests, latency per route, build age)."""

from __future__ import annotations

from typing import Any

from litestar import Controller, Request, Response, get
from litestar.openapi.datastructures import ResponseSpec
from litestar.openapi.spec import Example
from prometheus_client import generate_latest

from api.db import MAY_RUN_LONG
from api.metrics import RequestMetrics

#: The classic text format generate_latest writes (Litestar appends `; charset=utf-8`).
MEDIA_TYPE = "text/plain; version=0.0.4"

EXAMPLE = """\
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


class MetricsController(Controller):
    path = "/metrics"
    tags = ("health",)

    @get(
        "/",
        sync_to_thread=MAY_RUN_LONG,
        summary="Prometheus metrics: requests and latency per route, build age and swaps",
        description=(
            "Text exposition format 0.0.4. Series: `movie_api_requests_total{method,route,"
            "status}`, `movie_api_request_duration_seconds{route}` (histogram), "
            "`movie_api_requests_in_progress`, `movie_warehouse_build_age_seconds`, "
            "`movie_warehouse_build_info{file}`, `movie_warehouse_switches_total`, "
            "`movie_warehouse_query_cache_lookups_total{result}`."
        ),
        media_type=MEDIA_TYPE,
        responses={
            200: ResponseSpec(
                data_container=str,
                description="Prometheus text exposition",
                media_type=MEDIA_TYPE,
                generate_examples=False,
                examples=[Example(summary="GET /metrics (abridged)", value=EXAMPLE)],
            )
        },
    )
    def metrics(self, request: Request[Any, Any, Any]) -> Response[bytes]:
        registry: RequestMetrics = request.app.state.metrics
        return Response(generate_latest(registry.registry), media_type=MEDIA_TYPE)
