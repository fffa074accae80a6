"""Prometheus metrics and request ids, measured in one ASGI wrapper around the application.

Measuring at the ASGI edge counts every answer the same way: cached answers (served by
Litestar's response cache before any handler), 404s of unknown routes, problem details and
the rare 500. Requests are labelled by route template (`/actors/{name}`), never by raw
path, so a scan of random URLs cannot grow the number of series. The warehouse figures (build
age, which file, swaps, answer-cache hits) are read when Prometheus scrapes, not kept
up to date on every request.

A client that hangs up before its request was read or answered (a body cut off mid-way) is
counted apart, in `movie_api_client_disconnects_total{route}`, and logged with status 499:
nothing was answered and the server did not fail, so it is never a 500.

The same wrapper adds the per-request headers on the way out (`X-Request-ID` and the
security headers of api/headers.py) to a *copy* of the start message: Litestar's response
cache keeps the message it was given, and one request's id must never be replayed to the
next client of the same URL.

With several worker processes (`serve --workers N`, or METRICS_DIR set) each worker's figures
go to the server's spool directory and a scrape reports their merge (api/workers.py): the
same series, summed over the workers, plus `movie_api_workers` and a `worker` label (pid) on
the series that describe one worker: `movie_warehouse_build_info{file,worker}` and
`movie_warehouse_switches_total{worker}`. Without a spool (one process, the default) the
output is the process's own figures, as it always was.
"""

from __future__ import annotations

import itertools
import logging
import os
import re
import secrets
import threading
import time
from bisect import bisect_left
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from itertools import accumulate
from pathlib import Path
from typing import TYPE_CHECKING

import msgspec
from prometheus_client import CollectorRegistry
from prometheus_client.core import (
    CounterMetricFamily,
    GaugeMetricFamily,
    HistogramMetricFamily,
)
from prometheus_client.registry import Collector

from api.headers import security_headers
from api.logs import REQUEST_ID
from api.workers import Figures, Snapshot, Spool, WorkerState, merge, serving

if TYPE_CHECKING:
    from litestar.types import ASGIApp, Message, Receive, Scope, Send

    from api.db import Warehouse

access_log = logging.getLogger("api.access")

#: Latency buckets (seconds): the API's answers take from ~0.1 ms (cached) to a few 100 ms.
LATENCY_BUCKETS = (0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5)
UNMATCHED_ROUTE = "<unmatched>"
#: The status the access log gives a request whose client hung up first (nginx's 499).
CLIENT_CLOSED = 499
_REQUEST_ID_HEADER = b"x-request-id"
_SANE_REQUEST_ID = re.compile(r"[A-Za-z0-9._:-]{1,64}")

_PROCESS_PREFIX = secrets.token_hex(4)
_request_numbers = itertools.count(1)

BUILD_INFO = "select build_finished_at from {db}.api.build_info"

#: Counters of what handlers decided, by family: its help and every outcome (each exported
#: from 0, so a rate is defined before the first event).
OUTCOMES = {
    "feedback_ratings_received": (
        "POST /users/{user_id}/ratings requests (requests, not ratings) by outcome: accepted "
        "(stored, 202), rejected_invalid (400/413/422: nothing stored), unauthorized (401), "
        "disabled (503: no feedback tokens configured).",
        ("accepted", "rejected_invalid", "unauthorized", "disabled"),
    ),
    "recommendation_requests": (
        "Recommendation requests answered, by outcome: known_user (GET "
        "/users/{user_id}/recommendations, 200), unknown_user (the same, 404), cold_start "
        "(POST /recommendations, 200).",
        ("known_user", "cold_start", "unknown_user"),
    ),
}


class BuildFinished(msgspec.Struct):
    """The row of BUILD_INFO."""

    build_finished_at: datetime | None


class WarehouseCollector(Collector):
    """Figures of the build being served, computed at scrape time."""

    def __init__(self, warehouse: Warehouse) -> None:
        self.warehouse = warehouse

    def collect(self) -> Iterator[GaugeMetricFamily | CounterMetricFamily]:
        try:
            handle = self.warehouse.current
            row = self.warehouse.fetch_struct(BUILD_INFO, (), BuildFinished)
        except Exception:  # a closed or swapping warehouse: report nothing rather than fail
            return
        if (age := _build_age(row)) is not None:
            yield age
        info = GaugeMetricFamily(
            "movie_warehouse_build_info",
            "The build file being served (value is always 1).",
            labels=["file"],
        )
        info.add_metric([handle.target.rsplit("/", 1)[-1]], 1)
        yield info
        switches = CounterMetricFamily(
            "movie_warehouse_switches", "Swaps to a new build since the API started."
        )
        switches.add_metric([], self.warehouse.switches)
        yield switches
        lookups = CounterMetricFamily(
            "movie_warehouse_query_cache_lookups",
            "Query-result cache lookups on the current build.",
            labels=["result"],
        )
        lookups.add_metric(["hit"], handle.hits)
        lookups.add_metric(["miss"], handle.misses)
        yield lookups


def _build_age(row: BuildFinished | None) -> GaugeMetricFamily | None:
    finished = row.build_finished_at if row else None
    if finished is None:
        return None
    if finished.tzinfo is None:
        finished = finished.replace(tzinfo=UTC)
    age = GaugeMetricFamily(
        "movie_warehouse_build_age_seconds",
        "Seconds since the build being served finished.",
    )
    age.add_metric([], (datetime.now(UTC) - finished).total_seconds())
    return age


class ServerCollector(Collector):
    """The whole server's figures, merged from every worker's snapshot (api/workers.py): the
    request series as _RequestCollector writes them, then the build: its age (the build this
    worker serves), `movie_api_workers`, the build each live worker serves and its swaps (label
    `worker`, the pid), and the result-cache lookups on this worker's build, summed over every
    worker that served it."""

    def __init__(self, spool: Spool, warehouse: Warehouse) -> None:
        self.spool = spool
        self.warehouse = warehouse

    def collect(self) -> Iterator[GaugeMetricFamily | CounterMetricFamily | HistogramMetricFamily]:
        gathered = self.spool.gather(write=True)
        yield from _request_families(merge(gathered))
        try:
            row = self.warehouse.fetch_struct(BUILD_INFO, (), BuildFinished)
        except Exception:  # a closed or swapping warehouse: no age
            row = None
        if (age := _build_age(row)) is not None:
            yield age
        builds = serving(gathered)
        workers = GaugeMetricFamily(
            "movie_api_workers", "Worker processes serving (a snapshot in the last seconds)."
        )
        workers.add_metric([], len(builds))
        yield workers
        info = GaugeMetricFamily(
            "movie_warehouse_build_info",
            "The build file each worker serves (value is always 1).",
            labels=["file", "worker"],
        )
        switches = CounterMetricFamily(
            "movie_warehouse_switches",
            "Swaps to a new build since the worker started.",
            labels=["worker"],
        )
        for worker in builds:
            info.add_metric([worker.warehouse_file, str(worker.pid)], 1)
            switches.add_metric([str(worker.pid)], worker.switches)
        yield info
        yield switches
        # Lookups on the build this worker serves, summed over every worker that served it
        # (exited ones included, so a killed worker does not take its lookups away).
        current = gathered[0][0].warehouse_file
        same_build = [snapshot for snapshot, _ in gathered if snapshot.warehouse_file == current]
        lookups = CounterMetricFamily(
            "movie_warehouse_query_cache_lookups",
            "Query-result cache lookups on the current build.",
            labels=["result"],
        )
        lookups.add_metric(["hit"], sum(snapshot.cache_hits for snapshot in same_build))
        lookups.add_metric(["miss"], sum(snapshot.cache_misses for snapshot in same_build))
        yield lookups


class RequestMetrics:
    """The API's request figures, kept as plain counters and exported at scrape time.

    Only the event loop thread updates them (the ASGI wrapper runs there), so they need no
    locks; prometheus_client's own Counter and Histogram take a lock per update and cost
    more than a cached answer (measured: they halved the rps of cached lookups).

    `metrics_dir`: the server's spool directory when several worker processes serve
    (api/workers.py); the registry then reports the merge of every worker's figures, and
    `start` / `stop` (the app's startup and shutdown) run this worker's snapshot writer."""

    def __init__(
        self, warehouse: Warehouse, metrics_dir: str | os.PathLike[str] | None = None
    ) -> None:
        self.registry = CollectorRegistry()
        self.warehouse = warehouse
        self.counts: dict[tuple[str, str, int], int] = {}
        # route -> [count per bucket (non-cumulative, +Inf last), sum of seconds]
        self.latency: dict[str, list] = {}
        self.in_progress = 0
        # route -> requests whose client disconnected before they were read or answered
        self.disconnects: dict[str, int] = {}
        # (family, outcome) -> count; handlers count from worker threads, hence the lock.
        self.outcomes: dict[tuple[str, str], int] = {}
        self._outcomes_lock = threading.Lock()
        self.spool = None if metrics_dir is None else Spool(Path(metrics_dir), self.snapshot)
        if self.spool is None:
            self.registry.register(_RequestCollector(self.figures))
            self.registry.register(WarehouseCollector(warehouse))
        else:
            self.registry.register(ServerCollector(self.spool, warehouse))

    def start(self) -> None:
        """Start writing this worker's snapshots (with a spool; else nothing to do)."""
        if self.spool is not None:
            self.spool.start()

    def stop(self) -> None:
        """Write the last snapshot and stop (with a spool)."""
        if self.spool is not None:
            self.spool.stop()

    def figures(self) -> Figures:
        """This process's figures (the live dicts themselves, not copies)."""
        return Figures(
            counts=self.counts,
            latency=self.latency,
            disconnects=self.disconnects,
            outcomes=self.outcomes,
            in_progress=self.in_progress,
        )

    def snapshot(self) -> Snapshot:
        """This process's figures and build, copied (from any thread: a dict is copied whole
        under the GIL, as the collectors always did)."""
        try:
            handle = self.warehouse.current
        except Exception:  # not open yet, or closed: no build
            handle = None
        with self._outcomes_lock:
            outcomes = [(family, outcome, n) for (family, outcome), n in self.outcomes.items()]
        return Snapshot(
            pid=os.getpid(),
            written_at=time.time(),
            counts=[(m, r, s, n) for (m, r, s), n in list(self.counts.items())],
            latency={
                route: (list(entry[0]), entry[1]) for route, entry in list(self.latency.items())
            },
            disconnects=dict(list(self.disconnects.items())),
            outcomes=outcomes,
            in_progress=self.in_progress,
            warehouse_file=None if handle is None else os.path.basename(handle.target),
            attached_at=None if handle is None else handle.attached_at,
            switches=self.warehouse.switches,
            cache_hits=0 if handle is None else handle.hits,
            cache_misses=0 if handle is None else handle.misses,
        )

    def workers(self) -> list[WorkerState]:
        """The worker processes serving and the build each serves: every live worker's with a
        spool, else this process's alone."""
        handle = self.warehouse.current
        own = WorkerState(
            os.getpid(),
            os.path.basename(handle.target),
            handle.attached_at,
            self.warehouse.switches,
        )
        if self.spool is None:
            return [own]
        return sorted([own, *serving(self.spool.others())], key=lambda worker: worker.pid)

    def count(self, family: str, outcome: str) -> None:
        """One more `outcome` in `family` (a key of OUTCOMES); safe from any thread."""
        if outcome not in OUTCOMES[family][1]:
            raise ValueError(f"{family}: unknown outcome {outcome!r}")
        with self._outcomes_lock:
            key = (family, outcome)
            self.outcomes[key] = self.outcomes.get(key, 0) + 1

    def observe(self, method: str, route: str, status: int, seconds: float) -> None:
        key = (method, route, status)
        self.counts[key] = self.counts.get(key, 0) + 1
        entry = self.latency.get(route)
        if entry is None:
            entry = self.latency[route] = [[0] * (len(LATENCY_BUCKETS) + 1), 0.0]
        entry[0][bisect_left(LATENCY_BUCKETS, seconds)] += 1
        entry[1] += seconds

    def disconnected(self, route: str) -> None:
        """A client hung up mid-request: counted apart, never as a server error."""
        self.disconnects[route] = self.disconnects.get(route, 0) + 1


class _RequestCollector(Collector):
    def __init__(self, figures: Callable[[], Figures]) -> None:
        self.figures = figures

    def collect(self) -> Iterator[CounterMetricFamily | GaugeMetricFamily | HistogramMetricFamily]:
        return _request_families(self.figures())


def _request_families(
    figures: Figures,
) -> Iterator[CounterMetricFamily | GaugeMetricFamily | HistogramMetricFamily]:
    """The request series of `figures` (one process's, or the server's merge)."""
    requests = CounterMetricFamily(
        "movie_api_requests", "HTTP requests answered.", labels=["method", "route", "status"]
    )
    for (method, route, status), n in list(figures.counts.items()):
        requests.add_metric([method, route, str(status)], n)
    yield requests
    latency = HistogramMetricFamily(
        "movie_api_request_duration_seconds",
        "Time from the request's arrival to the end of its response.",
        labels=["route"],
    )
    bounds = [*(f"{b:g}" for b in LATENCY_BUCKETS), "+Inf"]
    for route, (counts, total) in list(figures.latency.items()):
        latency.add_metric(
            [route], list(zip(bounds, accumulate(counts), strict=True)), sum_value=total
        )
    yield latency
    in_progress = GaugeMetricFamily("movie_api_requests_in_progress", "Requests being answered.")
    in_progress.add_metric([], figures.in_progress)
    yield in_progress
    disconnects = CounterMetricFamily(
        "movie_api_client_disconnects",
        "Requests whose client hung up before they were read or answered (not in "
        "movie_api_requests_total: nothing was answered).",
        labels=["route"],
    )
    for route, n in list(figures.disconnects.items()):
        disconnects.add_metric([route], n)
    yield disconnects
    for family, (documentation, outcomes) in OUTCOMES.items():
        counter = CounterMetricFamily(family, documentation, labels=["outcome"])
        for outcome in outcomes:
            counter.add_metric([outcome], figures.outcomes.get((family, outcome), 0))
        yield counter


def request_id_from(scope: Scope) -> str:
    """The client's X-Request-ID when sane, else `<process prefix>-<counter>`: unique per
    process start, and far cheaper than a uuid4 per request."""
    for name, value in scope.get("headers", ()):
        if name == _REQUEST_ID_HEADER:
            candidate = value.decode("latin-1")
            if _SANE_REQUEST_ID.fullmatch(candidate):
                return candidate
            break
    return f"{_PROCESS_PREFIX}-{next(_request_numbers):x}"


class Observability:
    """ASGI wrapper: request id (header in, header out, in every log line), metrics, and an
    optional JSON access log line per request."""

    def __init__(self, app: ASGIApp, metrics: RequestMetrics, access_log: bool = False) -> None:
        self.app = app
        self.metrics = metrics
        self.access_log = access_log

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request_id = request_id_from(scope)
        id_header = (_REQUEST_ID_HEADER, request_id.encode("latin-1"))
        added = (*security_headers(scope["path"]), id_header)
        token = REQUEST_ID.set(request_id)
        status = 500  # what the client sees if the application fails before answering
        disconnected = False
        started = time.perf_counter()

        async def send_with_id(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                # A new message, never the one passed in: the response cache keeps that one to
                # replay, and this request's id (and headers) must not be replayed.
                message = {**message, "headers": [*message.get("headers", ()), *added]}  # type: ignore[assignment]
            await send(message)

        async def receive_watching() -> Message:
            nonlocal disconnected
            message = await receive()
            if message["type"] == "http.disconnect":
                disconnected = True
            return message

        self.metrics.in_progress += 1
        try:
            await self.app(scope, receive_watching, send_with_id)
        finally:
            elapsed = time.perf_counter() - started
            self.metrics.in_progress -= 1
            route = scope.get("path_template") or UNMATCHED_ROUTE
            if disconnected and status >= 500:
                # The client hung up before its request was read (or answered): no answer
                # was delivered, and it is not the server's failure.
                status = CLIENT_CLOSED
                self.metrics.disconnected(route)
            else:
                self.metrics.observe(scope["method"], route, status, elapsed)
            if self.access_log:
                access_log.info(
                    "%s %s %d",
                    scope["method"],
                    scope["path"],
                    status,
                    extra={
                        "method": scope["method"],
                        "path": scope["path"],
                        "route": route,
                        "status": status,
                        "duration_ms": round(elapsed * 1000, 3),
                    },
                )
            REQUEST_ID.reset(token)
