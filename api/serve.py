"""Serving the API with uvicorn: `serve(host, port, settings)`.

`python -m warehouse serve` calls this (`python -m api` is the same command).

One worker (`API_WORKERS=1`, the default outside the container): one process, as always. The
name lookups run on the event loop, handlers that may take long on the worker's thread pool
(see api/db.py), and the build is followed across rebuilds inside the process.

N workers (`--workers N`, `API_WORKERS=N` or `auto`, the container's default): uvicorn's own
supervisor binds the socket, spawns N worker processes that accept on it (the kernel hands
each new connection to one of them), restarts a worker that dies and stops them all on
SIGINT / SIGTERM. A spawned process starts from nothing, so what it needs travels through the
environment: `serve` writes the settings it was given, the command line's options included,
into `os.environ` (`warehouse.settings.settings_environment`) before uvicorn starts; each
worker then makes its app with the module-level factory `create_app_from_environment` (from
`get_settings()`) and its connections with `api.http_guard.SettingsGuardedProtocol` (a class
made at run time cannot be pickled to a spawned process). Each worker attaches the live build
read-only and follows swaps on its own (api/db.py). Their figures meet in one spool directory
(METRICS_DIR, else a temporary directory the supervisor removes on exit), so `/metrics` and
`/health` describe the whole server whichever worker answers (api/workers.py).
"""

from __future__ import annotations

import logging
import os
import shutil
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

import uvicorn

from api import workers as spool
from api.db import WarehouseUnavailable
from api.logs import configure_json_logging
from warehouse.settings import Settings, get_settings, settings_environment

if TYPE_CHECKING:
    from litestar import Litestar

#: The factory every spawned worker calls (`uvicorn.run(APP_FACTORY, factory=True)`).
APP_FACTORY = "api.serve:create_app_from_environment"
#: The protocol they import (`uvicorn.run(http=PROTOCOL)`): the limits of api/http_guard.py.
#: By name: the supervisor serves nothing and need not import Litestar (~0.2 s of start-up).
PROTOCOL = "api.http_guard:SettingsGuardedProtocol"


class WorkersFailed(RuntimeError):
    """No worker process started serving (each one logged why)."""


def serve(
    host: str = "127.0.0.1",
    port: int = 8000,
    *,
    settings: Settings | None = None,
    log_level: str | None = None,
    access_log: bool | None = None,
    workers: int | None = None,
) -> None:
    """Serve the live build of `settings` (default: the environment's) on host:port until
    interrupted, following rebuilds, with `settings.workers` worker processes.

    `log_level`, `access_log` and `workers` replace the settings' when given. Logs are JSON
    lines on stderr, one per request when `access_log` (with its request id).
    """
    settings = (settings or get_settings()).with_overrides(
        log_level=log_level, access_log=access_log, workers=workers
    )
    path = os.fspath(settings.warehouse_path)
    if not os.path.isfile(os.path.realpath(path)):
        raise WarehouseUnavailable(f"no warehouse at {path!r}; build it first")
    configure_json_logging(_level(settings))
    if settings.workers <= 1:
        _serve_one(host, port, settings)
    else:
        _serve_workers(host, port, settings)


def create_app_from_environment() -> Litestar:
    """The app of one spawned worker process, from the settings in its environment (where
    `serve` put the command line's options)."""
    settings = get_settings()
    configure_json_logging(_level(settings))
    return _create_app(settings)


def _level(settings: Settings) -> int:
    return getattr(logging, settings.log_level.upper(), logging.INFO)


def _create_app(settings: Settings) -> Litestar:
    from api.app import create_app  # not in the supervisor, which serves nothing itself

    # Hand the GIL over sooner than the default 5 ms: the event loop thread answers cached
    # requests and should not wait behind a worker thread building a response.
    sys.setswitchinterval(0.001)
    return create_app(
        os.fspath(settings.warehouse_path),
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
        access_log=settings.access_log,
        metrics_dir=settings.metrics_dir,
    )


def _uvicorn_options(settings: Settings) -> dict:
    return {
        "log_level": settings.log_level,
        "log_config": None,  # keep the JSON handler configure_json_logging installed
        "access_log": False,  # the app writes its own access lines, with the request id
        "loop": "auto",
        "lifespan": "on",
        # SIGTERM: stop accepting, let open requests finish for this long, then close them
        # (a client holding an unfinished body kept the process alive indefinitely).
        "timeout_graceful_shutdown": settings.shutdown_timeout,
    }


def _serve_one(host: str, port: int, settings: Settings) -> None:
    """One process: the app object itself, no supervisor."""
    from api.http_guard import guarded_protocol

    if settings.metrics_dir is not None:
        spool.clear(settings.metrics_dir)
    app = _create_app(settings)
    uvicorn.run(
        app,
        host=host,
        port=port,
        workers=1,
        http=guarded_protocol(
            settings.max_header_bytes, settings.header_timeout, settings.max_connections
        ),
        **_uvicorn_options(settings),
    )


def _serve_workers(host: str, port: int, settings: Settings) -> None:
    """`settings.workers` processes under uvicorn's supervisor, sharing one spool."""
    created: Path | None = None
    if settings.metrics_dir is None:
        created = Path(tempfile.mkdtemp(prefix="movie-api-metrics-"))
        settings = settings.with_overrides(metrics_dir=created)
    else:
        spool.clear(settings.metrics_dir)
    os.environ.update(settings_environment(settings))
    get_settings.cache_clear()  # the environment now says what `settings` says
    try:
        uvicorn.run(
            APP_FACTORY,
            factory=True,
            host=host,
            port=port,
            workers=settings.workers,
            http=PROTOCOL,
            **_uvicorn_options(settings),
        )
        started = spool.has_snapshots(Path(settings.metrics_dir))  # type: ignore[arg-type]
    finally:
        if created is not None:
            shutil.rmtree(created, ignore_errors=True)
    if not started:
        raise WorkersFailed("no worker process started serving (see the log above)")
