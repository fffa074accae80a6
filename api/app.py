"""The Litestar application: a thin layer over the `api.*` views of the live build.

Each domain package (`catalog.*`, `streaming`, `similar`, `users`) holds its SQL
(`queries`), the functions answering from the warehouse (`service`), its bodies (`schemas`),
OpenAPI examples (`examples`) and thin handlers (`controller`); `statement` presents the
domain services' answers as the bootcamp statement's Spanish routes, and `ops` holds the
operational routes. Handlers get the warehouse by dependency injection (`api.deps`).
"""

from __future__ import annotations

import functools
import gc
import logging
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import anyio.to_thread
from litestar import Litestar
from litestar.config.response_cache import ResponseCacheConfig
from litestar.datastructures import State
from litestar.exceptions import HTTPException
from litestar.openapi import OpenAPIConfig
from litestar.openapi.plugins import SwaggerRenderPlugin
from litestar.openapi.spec import Components, SecurityScheme
from litestar.plugins.problem_details import ProblemDetailsConfig, ProblemDetailsPlugin

from api.allow import true_allow_header
from api.bodies import BodyRequest
from api.cache import (
    BoundedMemoryStore,
    EncodedSlashes,
    response_cache_key_builder,
    store_only_successful_gets,
)
from api.catalog.business.controller import CompaniesController, FranchisesController
from api.catalog.collections.controller import CollectionsController
from api.catalog.genres.controller import GenresController
from api.catalog.movies.controller import MoviesController
from api.catalog.people.controller import ActorsController, DirectorsController, PeopleController
from api.catalog.places.controller import CountriesController, LanguagesController
from api.catalog.releases.controller import ReleasesController
from api.db import Warehouse
from api.deps import dependencies
from api.discover.controller import DiscoverController
from api.dispatch import configure_slow_path
from api.document_store import StoredAnswers
from api.etags import SERVED_BUILD, ConditionalGet, TaggedResponse, served_build
from api.feedback.controller import FEEDBACK_DESK, SECURITY_SCHEME, FeedbackController
from api.feedback.monitoring import UntrainedFeedback
from api.feedback.service import FeedbackDesk
from api.find.controller import FindController
from api.limits import ConcurrencyLimit, rate_limit_config
from api.metrics import Observability, RequestMetrics
from api.models.controller import ModelsController
from api.models.monitoring import LiveModelMetrics
from api.ops.controller import (
    HealthController,
    MetricsController,
    ReportController,
    WarehouseDocsController,
)
from api.problems import http_exception_to_problem, internal_error_handler
from api.search.controller import SearchController
from api.similar.controller import SimilarController
from api.statement.controller import StatementController
from api.streaming.controller import StreamingController
from api.users.controller import RECOMMENDATIONS, ColdStartController, UsersController

DESCRIPTION = """\
Movie queries over The Movies Dataset and the Amazon Prime Video, Disney+, Hulu and Netflix
catalogues, with similar films and titles, answered from SQL views (schema `api`) of the live
dbt + DuckDB build. Names are matched on a key (lower case, no accents, single spaces), so
`pedro almodovar` finds `Pedro Almodóvar`. Unknown names answer 404 problem details
(RFC 9457) with up to five suggestions; invalid arguments 400. Every answer to a GET carries
an `ETag` (the build and a digest of the body) and `Cache-Control: public, max-age=300`;
`If-None-Match` with a matching tag answers 304 (`/health`, `/metrics` and the ratings
routes: `no-store`). `/users/{user_id}/ratings` takes ratings (the API's only write) and needs
a bearer token.
"""

CONTROLLERS = [
    SearchController,
    DiscoverController,
    MoviesController,
    ReleasesController,
    ActorsController,
    DirectorsController,
    PeopleController,
    LanguagesController,
    FranchisesController,
    CollectionsController,
    GenresController,
    CountriesController,
    CompaniesController,
    FindController,
    StreamingController,
    SimilarController,
    UsersController,
    ColdStartController,
    FeedbackController,
    ModelsController,
    HealthController,
    MetricsController,
    WarehouseDocsController,
    ReportController,
    StatementController,
]


def create_app(
    warehouse_path: str | None = None,
    *,
    poll_interval: float = 0.5,
    cache_size: int = 8192,
    duckdb_threads: int = 1,
    memory_limit: str = "256MB",
    response_cache_size: int = 8192,
    worker_threads: int = 8,
    slow_path_threads: int = 2,
    max_body_bytes: int = 262_144,
    max_concurrent_requests: int = 256,
    rate_limit: str = "",
    feedback_path: str | os.PathLike[str] | None = None,
    feedback_tokens: Sequence[str] = (),
    warehouse: Warehouse | None = None,
    debug: bool = False,
    access_log: bool = False,
    metrics_dir: str | os.PathLike[str] | None = None,
) -> Litestar:
    """The application, serving the build `warehouse_path` names (default: env
    `WAREHOUSE_PATH`, else `build/warehouse.duckdb`) and following it across rebuilds.

    The warehouse is opened on startup and closed on shutdown, so creating the app is cheap
    and a missing build fails at startup with a clear message. A caller may instead pass an
    open `warehouse` it owns (tests share one between apps); the app then leaves it open.

    poll_interval: seconds between checks of the live path (a swap is served within it).
    cache_size / response_cache_size: query results / whole 2xx responses kept per process
        (builds are immutable; 0 turns caching off).
    duckdb_threads, memory_limit: DuckDB settings of the router connection.
    worker_threads: threads running the (sync) handlers, each with its own DuckDB cursor.
    slow_path_threads: threads running the name lookups the loop cannot answer from cached
        results (api.dispatch), apart from the worker threads.
    max_body_bytes: a larger request body answers 413 (api.bodies).
    max_concurrent_requests: requests answered at once; more answer a 503 problem
        (api.limits; 0: no limit).
    rate_limit: `"<n>/<second|minute|hour|day>"` per client address, 429 problem beyond
        (Litestar's RateLimitMiddleware; "" = off, the default).
    feedback_path: the feedback store (default: `feedback.sqlite` beside the live path).
    feedback_tokens: bearer tokens of `/users/{user_id}/ratings`; none (the default) answers
        503 "feedback disabled" there.
    access_log: one JSON log line per request (request id, route, status, duration).
    metrics_dir: the server's spool directory when several worker processes serve: this
        worker writes its figures there and /metrics, /health report every worker's
        (api/workers.py); None (one process) reports this process's own.
    """
    owned = warehouse is None
    if warehouse is None:
        warehouse = Warehouse(
            warehouse_path,
            poll_interval=poll_interval,
            cache_size=cache_size,
            threads=duckdb_threads,
            memory_limit=memory_limit,
        )

    def open_warehouse(app: Litestar) -> None:
        # Fewer worker threads than connections: DuckDB work is short, and fewer threads
        # contending for the GIL keep the latency tail short. One cursor per thread.
        anyio.to_thread.current_default_thread_limiter().total_tokens = worker_threads
        if owned:
            warehouse.open()
        metrics.start()  # with a spool: this worker's first snapshot, then one a second
        # Everything built so far lives as long as the app: keep it out of the collector's
        # generations so full collections stay short (they pause every request).
        gc.freeze()

    def close_warehouse(app: Litestar) -> None:
        feedback.close()
        metrics.stop()  # the last snapshot, while the build is still attached
        if owned:
            warehouse.close()

    problem_details = ProblemDetailsPlugin(
        ProblemDetailsConfig(
            enable_for_all_http_exceptions=True,
            exception_to_problem_detail_map={HTTPException: http_exception_to_problem},
        )
    )
    exception_handlers: dict[Any, Any] = {Exception: internal_error_handler}
    metrics = RequestMetrics(warehouse, metrics_dir)
    if feedback_path is None:
        feedback_path = Path(warehouse.path).expanduser().absolute().parent / "feedback.sqlite"
    feedback = FeedbackDesk(Path(feedback_path), feedback_tokens, metrics)
    metrics.registry.register(UntrainedFeedback(feedback, warehouse))
    metrics.registry.register(LiveModelMetrics(warehouse))
    configure_slow_path(slow_path_threads)
    limit = rate_limit_config(rate_limit)
    middleware = [] if limit is None else [limit.middleware]
    app = Litestar(
        route_handlers=CONTROLLERS,
        dependencies=dependencies(warehouse, metrics, feedback),
        plugins=[problem_details],
        middleware=middleware,
        request_class=BodyRequest,
        response_class=TaggedResponse,
        state=State({SERVED_BUILD: served_build(warehouse), FEEDBACK_DESK: feedback}),
        request_max_body_size=max_body_bytes,
        exception_handlers=exception_handlers,
        on_startup=[open_warehouse],
        on_shutdown=[close_warehouse],
        before_send=[true_allow_header],
        openapi_config=OpenAPIConfig(
            title="The open movie warehouse",
            version="1.0.0",
            description=DESCRIPTION,
            path="/schema",
            render_plugins=[SwaggerRenderPlugin()],
            components=Components(
                security_schemes={
                    SECURITY_SCHEME: SecurityScheme(
                        type="http",
                        scheme="bearer",
                        description="A feedback token (FEEDBACK_TOKENS, FEEDBACK_TOKENS_FILE).",
                    )
                }
            ),
        ),
        response_cache_config=ResponseCacheConfig(
            default_expiration=None,
            key_builder=response_cache_key_builder(warehouse),
            cache_response_filter=store_only_successful_gets,
            store="api_responses",
        ),
        stores={"api_responses": BoundedMemoryStore(response_cache_size)},
        debug=debug,
        logging_config=None,
    )
    # Observability inside EncodedSlashes: it reads the route template Litestar's router
    # writes into the scope, and EncodedSlashes may hand the router a copy of the scope.
    # ConcurrencyLimit inside Observability: refused requests are counted, with an id.
    # ConditionalGet inside both: a 304 is counted and carries the request's headers.
    # StoredAnswers inside ConditionalGet: a stored answer is revalidated like any other; it
    # answers before Litestar's router, so not when a rate limit (after routing) is set.
    handler: Any = app.asgi_handler
    if limit is None:
        handler = StoredAnswers(
            handler, warehouse, functools.partial(metrics.count, RECOMMENDATIONS, "known_user")
        )
    limited = ConcurrencyLimit(ConditionalGet(handler), max_concurrent_requests)
    app.asgi_handler = EncodedSlashes(Observability(limited, metrics, access_log))
    logging.getLogger("api").setLevel(logging.INFO)
    return app
