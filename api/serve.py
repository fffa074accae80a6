"""Serving the API with uvicorn: `serve(host, port, warehouse_path)`.

`python -m warehouse serve` calls this; `python -m api` is the same without the warehouse CLI.
One worker process: DuckDB work runs in the worker's thread pool (handlers are sync with
`sync_to_thread=True`), and the build is followed across rebuilds inside the process.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys

import uvicorn

from api.app import create_app
from api.db import DEFAULT_WAREHOUSE_PATH, WarehouseUnavailable
from api.logs import configure_json_logging


def serve(
    host: str = "127.0.0.1",
    port: int = 8000,
    warehouse_path: str | None = None,
    *,
    log_level: str = "info",
    access_log: bool = False,
    cache_size: int = 8192,
) -> None:
    """Serve the build `warehouse_path` names (default: env WAREHOUSE_PATH, else
    build/warehouse.duckdb) on host:port until interrupted, following rebuilds.

    Logs are JSON lines on stderr, one per request when `access_log` (with its request id).
    """
    path = warehouse_path or os.environ.get("WAREHOUSE_PATH") or DEFAULT_WAREHOUSE_PATH
    if not os.path.isfile(os.path.realpath(path)):
        raise WarehouseUnavailable(f"no warehouse at {path!r}; build it first")
    configure_json_logging(getattr(logging, log_level.upper(), logging.INFO))
    # Hand the GIL over sooner than the default 5 ms: the event loop thread answers cached
    # requests and should not wait behind a worker thread building a response.
    sys.setswitchinterval(0.001)
    app = create_app(
        path, cache_size=cache_size, response_cache_size=cache_size, access_log=access_log
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
        http="auto",
        lifespan="on",
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m api", description=__doc__)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--warehouse", default=None, help="live warehouse path (symlink)")
    parser.add_argument(
        "--cache-size", type=int, default=8192, help="answers kept in memory (0: no caching)"
    )
    parser.add_argument(
        "--access-log", action=argparse.BooleanOptionalAction, default=False,
        help="a JSON log line per request (default: off; it costs about half the rps of "
        "cached answers, see README)",
    )
    args = parser.parse_args(argv)
    try:
        serve(
            args.host,
            args.port,
            args.warehouse,
            access_log=args.access_log,
            cache_size=args.cache_size,
        )
    except WarehouseUnavailable as exc:
        parser.exit(2, f"error: {exc}\n")
