"""The limits the API keeps under load, each answered with a problem (RFC 9457) a client can
act on, never a hang or a 500.

- `ConcurrencyLimit` (ASGI): at most `max_concurrent_requests` requests are being answered
  at once; the next ones get a 503 problem with `Retry-After: 1` at once, instead of queueing
  behind the others (memory grows with every queued request, and a queued request's answer
  comes too late to be of use). It sits inside `Observability`, so refused requests are
  counted and carry a request id and the security headers.
- `rate_limit_config`: the optional per-client rate limit, Litestar's own middleware
  (`RateLimitConfig`), off unless `API_RATE_LIMIT` is set; beyond it a 429 problem (the
  problem-details plugin shapes Litestar's `TooManyRequestsException`). Clients are told apart
  by their address (behind a proxy, that is the proxy's: set the limit there instead).
- `problem_bytes`: a problem body encoded once, for answers written without Litestar (here,
  and by the HTTP protocol guard, api/http_guard.py).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import msgspec
from litestar.middleware.rate_limit import RateLimitConfig

from api.problems import PROBLEM_MEDIA_TYPE, Problem
from warehouse.settings import parse_rate_limit

if TYPE_CHECKING:
    from litestar.types import ASGIApp, Receive, Scope, Send

OVERLOADED = "urn:movie-warehouse:problem:overloaded"
#: Paths the rate limit never applies to: the probes of load balancers and Prometheus.
UNLIMITED_PATHS = ("^/health$", "^/metrics$")


def problem_bytes(status: int, title: str, detail: str, type_: str = "about:blank") -> bytes:
    """A problem body (JSON) for an answer written outside Litestar."""
    return msgspec.json.encode(Problem(type=type_, title=title, status=status, detail=detail))


_BUSY_BODY = problem_bytes(
    503,
    "Service Unavailable",
    "The API is answering as many requests as it may at once; retry in a second.",
    OVERLOADED,
)
_BUSY_START = {
    "type": "http.response.start",
    "status": 503,
    "headers": [
        (b"content-type", PROBLEM_MEDIA_TYPE.encode()),
        (b"content-length", str(len(_BUSY_BODY)).encode()),
        (b"retry-after", b"1"),
    ],
}
_BUSY_BODY_MESSAGE = {"type": "http.response.body", "body": _BUSY_BODY, "more_body": False}


class ConcurrencyLimit:
    """ASGI wrapper: answer a 503 problem to requests beyond `limit` in flight (0: no limit).

    One integer compared per request, on the event loop thread (no lock needed)."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app = app
        self.limit = limit if limit > 0 else 1 << 62
        self.in_flight = 0

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if self.in_flight >= self.limit:
            await send({**_BUSY_START})  # type: ignore[arg-type]
            await send(_BUSY_BODY_MESSAGE)  # type: ignore[arg-type]
            return
        self.in_flight += 1
        try:
            await self.app(scope, receive, send)
        finally:
            self.in_flight -= 1


def rate_limit_config(rate_limit: str) -> RateLimitConfig | None:
    """Litestar's rate-limit middleware for `"<n>/<unit>"` (Settings.rate_limit), or None.

    Its store is the app's `rate_limit` store, an in-memory one that forgets a client once
    its window has passed."""
    parsed = parse_rate_limit(rate_limit)
    if parsed is None:
        return None
    unit, count = parsed
    return RateLimitConfig(
        rate_limit=(unit, count),  # type: ignore[arg-type]
        exclude=list(UNLIMITED_PATHS),
    )
