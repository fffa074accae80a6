"""`/health`, `/metrics`, `/report` and `/warehouse-docs`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from litestar import Controller, Request, Response, get
from litestar.datastructures import CacheControlHeader
from litestar.di import NamedDependency
from litestar.openapi.datastructures import ResponseSpec
from litestar.openapi.spec import Example
from litestar.response import File
from prometheus_client import generate_latest

from api.cache import BoundedMemoryStore
from api.db import MAY_RUN_LONG, Warehouse
from api.docs import responses
from api.metrics import RequestMetrics
from api.ops import examples, service
from api.ops.schemas import Health
from api.pages import page_responses, serve_page
from api.problems import PROBLEM_MEDIA_TYPE, DegradedProblem

#: /health and /metrics change without a build: never stored, so they carry no ETag (api.etags).
NO_STORE = CacheControlHeader(no_store=True)
#: The classic text format generate_latest writes (Litestar appends `; charset=utf-8`).
METRICS_MEDIA_TYPE = "text/plain; version=0.0.4"

REPORT_FILE = Path("report") / "index.html"
REPORT_COMMAND = "python -m warehouse report"
DOCS_FILE = Path("docs") / "index.html"
DOCS_COMMAND = "make docs"


class HealthController(Controller):
    path = "/health"
    tags = ("health",)

    @get(
        "/",
        sync_to_thread=MAY_RUN_LONG,
        cache_control=NO_STORE,
        summary="The build the API answers from: file, build time, row counts",
        description=(
            "200 when the live build passes its checks: one row of each api relation the "
            "routes read, and the file's SHA-256 against the build's record (verified in the "
            "background after each swap; skipped for builds without a record). 503 problem "
            "details naming the failed checks otherwise. `workers` counts the worker "
            "processes serving (`API_WORKERS`; 1 when one process serves) and "
            "`worker_builds` names the build each one serves, by pid: after a swap every "
            "worker names the new file within the poll interval. The other fields (file, "
            "attach time, swaps, cache) are those of the worker that answered."
        ),
        responses={
            **responses(Health, examples.HEALTH, summary="GET /health", invalid=None),
            503: ResponseSpec(
                data_container=DegradedProblem,
                description="The live build fails a check (RFC 9457 problem details)",
                media_type=PROBLEM_MEDIA_TYPE,
                generate_examples=False,
                examples=[Example(summary="Degraded build", value=examples.DEGRADED)],
            ),
        },
    )
    def health(
        self,
        request: Request[Any, Any, Any],
        warehouse: NamedDependency[Warehouse],
        metrics: NamedDependency[RequestMetrics],
    ) -> Health:
        store = request.app.response_cache_config.get_store_from_app(request.app)
        size = store.size() if isinstance(store, BoundedMemoryStore) else 0
        return service.health(warehouse, size, metrics.workers())


class MetricsController(Controller):
    path = "/metrics"
    tags = ("health",)

    @get(
        "/",
        sync_to_thread=MAY_RUN_LONG,
        cache_control=NO_STORE,
        summary="Prometheus metrics: requests and latency per route, build age and swaps, "
        "feedback, recommendation outcomes and the live models' figures",
        description=(
            "Text exposition format 0.0.4. Series: `movie_api_requests_total{method,route,"
            "status}`, `movie_api_request_duration_seconds{route}` (histogram), "
            "`movie_api_requests_in_progress`, `movie_warehouse_build_age_seconds`, "
            "`movie_warehouse_build_info{file}`, `movie_warehouse_switches_total`, "
            "`movie_warehouse_query_cache_lookups_total{result}`, "
            "`feedback_ratings_received_total{outcome}` (POST requests: accepted, "
            "rejected_invalid, unauthorized, disabled), `feedback_rows_untrained`, "
            "`feedback_oldest_untrained_age_seconds`, "
            "`recommendation_requests_total{outcome}` (known_user, cold_start, unknown_user), "
            "`live_model_metric{registered_model,version,model,metric}` (the live build's "
            "figures on the fixed evaluation). With several worker processes (`API_WORKERS`) "
            "the figures are the whole server's, whichever worker answers: counters and "
            "histograms summed over every worker (exited ones included, so none goes "
            "backwards), in-progress requests and cache lookups over the live ones, "
            "`movie_api_workers`, and the per-worker series labelled with the worker's pid: "
            "`movie_warehouse_build_info{file,worker}`, `movie_warehouse_switches_total{worker}`."
        ),
        media_type=METRICS_MEDIA_TYPE,
        responses={
            200: ResponseSpec(
                data_container=str,
                description="Prometheus text exposition",
                media_type=METRICS_MEDIA_TYPE,
                generate_examples=False,
                examples=[Example(summary="GET /metrics (abridged)", value=examples.METRICS)],
            )
        },
    )
    def metrics(self, metrics: NamedDependency[RequestMetrics]) -> Response[bytes]:
        return Response(generate_latest(metrics.registry), media_type=METRICS_MEDIA_TYPE)


class ReportController(Controller):
    path = "/report"
    tags = ("documentation",)

    @get(
        "/",
        sync_to_thread=MAY_RUN_LONG,
        summary="EDA report: releases, money anomalies, votes, genres, countries, data "
        "quality and streaming catalogues, each plot with a takeaway computed from the data",
        description=f"The static page `{REPORT_COMMAND}` generates from the `report.*` "
        "views of a build; it states which build and when.",
        media_type="text/html",
        responses=page_responses(
            "EDA report",
            REPORT_COMMAND,
            "The report page: one self-contained HTML file (inline CSS, PNG plots as data "
            "URIs, no script)",
            examples.REPORT_PAGE,
        ),
    )
    def report(self, warehouse: NamedDependency[Warehouse]) -> File:
        return serve_page(warehouse, REPORT_FILE, "EDA report", REPORT_COMMAND, "report.html")


class WarehouseDocsController(Controller):
    path = "/warehouse-docs"
    tags = ("documentation",)

    @get(
        "/",
        sync_to_thread=MAY_RUN_LONG,
        summary="dbt docs of the warehouse: lineage graph, models, columns and their tests",
        description="The static site `python -m warehouse docs` generates (`make docs`): dbt "
        "docs generate --static, the manifest and the build's catalog inlined.",
        media_type="text/html",
        responses=page_responses(
            "warehouse docs",
            DOCS_COMMAND,
            "The dbt docs site as one self-contained HTML file",
            examples.DOCS_PAGE,
        ),
    )
    def docs(self, warehouse: NamedDependency[Warehouse]) -> File:
        return serve_page(
            warehouse, DOCS_FILE, "warehouse docs", DOCS_COMMAND, "warehouse-docs.html"
        )
