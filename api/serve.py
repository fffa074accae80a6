"""Serving the API with uvicorn: `serve(host, port, settings)`.

`python -m warehouse serve` calls this (`python -m api` is the same command). One worker
process: the name lookups run on the event loop, handlers that may take long on the worker's
thread pool (see api/db.py), and the build is followed across rebuilds inside the process.
"""

from __future__ import annotations

import logging
import os
import sys

import uvicorn

from api.app import create_app
from api.db import WarehouseUnavailable
from api.http_guard import guarded_protocol
from api.logs import configure_json_logging
from warehouse.settings import Settings, get_settings


def serve(
    host: str = "127.0.0.1",
    port: int = 8000,
    *,
    settings: Settings | None = None,
    log_level: str = "info",
    access_log: bool = False,
) -> None:
    """Serve the live build of `settings` (default: the environment's) on host:port until
    interrupted, following rebuilds.

    Logs are JSON lines on stderr, one per request when `access_log` (with its request id).
    """
    settings = settings or get_settings()
    path = os.fspath(settings.warehouse_path)
    if not os.path.isfile(os.path.realpath(path)):
        raise WarehouseUnavailable(f"no warehouse at {path!r}; build it first")
    configure_json_logging(getattr(logging, log_level.upper(), logging.INFO))
    # Hand the GIL over sooner than the default 5 ms: the event loop thread answers cached
    # requests and should not wait behind a worker thread building a response.
    sys.setswitchinterval(0.001)
    app = create_app(
        path,
        poll_interval=settings.poll_interval,
        cache_size=settings.cache_size,
        response_cache_size=settings.response_cache_size,
        duckdb_threads=settings.duckdb_threads,
        memory_limit=settings.duckdb_memory_limit,
        worker_threads=settings.worker_threads,
        slow_path_threads=settings.slow_path_threads,
        max_body_bytes=settings.max_body_bytes,
        max_concurrent_requests=settings.max_concurrent_requests,
        rate_limit=settings.rate_limit,
        feedback_path=settings.resolved_feedback_path(),
        feedback_tokens=settings.feedback_tokens,
        access_log=access_log,
    )
    uvicorn.run(
        app,
        host=host,
        port=port,
        log_level=log_level,
        log_config=None,  # keep the JSON handler configure_json_logging installed
        access_log=False,  # the app writes its own access lines, with the request id
        workers=1,
        loop="auto",
        http=guarded_protocol(
            settings.max_header_bytes, settings.header_timeout, settings.max_connections
        ),
        lifespan="on",
        # SIGTERM: stop accepting, let open requests finish for this long, then close them
        # (a client holding an unfinished body kept the process alive indefinitely).
        timeout_graceful_shutdown=settings.shutdown_timeout,
    )
