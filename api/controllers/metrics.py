"""`/metrics`: the API's Prometheus metrics (requests, latency per route, build age)."""

from __future__ import annotations

from typing import Any

from litestar import Controller, Request, Response, get
from prometheus_client import generate_latest

from api.metrics import RequestMetrics

#: The classic text format generate_latest writes (Litestar appends `; charset=utf-8`).
MEDIA_TYPE = "text/plain; version=0.0.4"


class MetricsController(Controller):
    path = "/metrics"
    tags = ("health",)

    @get(
        "/",
        sync_to_thread=True,
        summary="Prometheus metrics: requests and latency per route, build age and swaps",
        description=(
            "Text exposition format 0.0.4. Series: `movie_api_requests_total{method,route,"
            "status}`, `movie_api_request_duration_seconds{route}` (histogram), "
            "`movie_api_requests_in_progress`, `movie_warehouse_build_age_seconds`, "
            "`movie_warehouse_build_info{file}`, `movie_warehouse_switches_total`, "
            "`movie_warehouse_query_cache_lookups_total{result}`."
        ),
        media_type=MEDIA_TYPE,
    )
    def metrics(self, request: Request[Any, Any, Any]) -> Response[bytes]:
        registry: RequestMetrics = request.app.state.metrics
        return Response(generate_latest(registry.registry), media_type=MEDIA_TYPE)
