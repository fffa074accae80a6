"""Limits on what a client may make the server hold before a request exists: the size of a
request's line and headers, the time to send them, and the number of open connections.

uvicorn bounds none of these with httptools: 200 clients each sending an unfinished 1 MiB
header added 202 MiB of RSS, and 1,000 connections that never sent a byte were all kept
(its keep-alive timeout starts only after a first response, and any byte received cancels it).
`guarded_protocol` returns uvicorn's httptools protocol with three checks, all on the event
loop, none per request once the headers are in:

- request line + headers longer than `max_header_bytes`: 431 problem, connection closed;
- headers not complete `header_timeout` seconds after the connection opened (or after the
  previous request's first byte, on a kept-alive connection): 408 problem, closed;
- more than `max_connections` open: the new one gets a 503 problem and is closed.

The body is bounded by Litestar (`request_max_body_size`, 413) and the number of requests in
flight by `api.limits.ConcurrencyLimit`.

Worker processes (`serve --workers N`) are spawned, and a class made by `guarded_protocol`
cannot be pickled to them: uvicorn loads `SettingsGuardedProtocol` there by its import string
(`api.serve.PROTOCOL`), which reads the same three limits from the worker's settings (its
environment). Each worker counts its own connections, so `max_connections` holds per worker.
"""

from __future__ import annotations

import asyncio
from typing import Any

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

from api.limits import problem_bytes
from api.problems import PROBLEM_MEDIA_TYPE
from warehouse.settings import get_settings

_REASONS = {
    408: "Request Timeout",
    431: "Request Header Fields Too Large",
    503: "Service Unavailable",
}


def _answer(status: int, detail: str) -> bytes:
    """A complete HTTP/1.1 answer with a problem body, closing the connection."""
    body = problem_bytes(status, _REASONS[status], detail)
    head = (
        f"HTTP/1.1 {status} {_REASONS[status]}\r\n"
        f"content-type: {PROBLEM_MEDIA_TYPE}\r\ncontent-length: {len(body)}\r\n"
        "connection: close\r\nx-content-type-options: nosniff\r\n\r\n"
    )
    return head.encode("ascii") + body


class _HeadersTooLarge(Exception):
    """Raised inside a parser callback to stop parsing (the answer is already written)."""


class GuardedHttpToolsProtocol(HttpToolsProtocol):
    """uvicorn's httptools protocol with a header size limit, a header-read timeout and a
    connection limit (class attributes, set by `guarded_protocol`)."""

    max_header_bytes = 16_384
    header_timeout = 10.0
    max_connections = 512

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._header_bytes = 0
        self._header_deadline: asyncio.TimerHandle | None = None
        self._refused = False
        self._too_large = _answer(
            431, f"The request line and headers exceed {self.max_header_bytes} bytes."
        )
        self._too_slow = _answer(
            408, f"The request's headers did not arrive within {self.header_timeout:g} s."
        )

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        if len(self.connections) > self.max_connections:
            self._refuse(
                _answer(503, f"The API holds {self.max_connections} connections; retry later.")
            )
            return
        self._arm_header_deadline()

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm_header_deadline()
        super().connection_lost(exc)

    def data_received(self, data: bytes) -> None:
        if self._refused:
            return
        super().data_received(data)

    def send_400_response(self, msg: str) -> None:
        if not self._refused:  # a refusal stopped the parser: its answer is already written
            super().send_400_response(msg)

    # -- parser callbacks ---------------------------------------------------------------------

    def on_message_begin(self) -> None:
        super().on_message_begin()
        self._header_bytes = 0
        if self._header_deadline is None:
            self._arm_header_deadline()

    def on_url(self, url: bytes) -> None:
        self._count(len(url))
        super().on_url(url)

    def on_header(self, name: bytes, value: bytes) -> None:
        self._count(len(name) + len(value) + 4)
        super().on_header(name, value)

    def on_headers_complete(self) -> None:
        self._disarm_header_deadline()
        super().on_headers_complete()

    # -- the checks ---------------------------------------------------------------------------

    def _count(self, size: int) -> None:
        self._header_bytes += size
        if self._header_bytes > self.max_header_bytes:
            self._refuse(self._too_large)
            raise _HeadersTooLarge

    def _arm_header_deadline(self) -> None:
        if self.header_timeout > 0:
            self._header_deadline = self.loop.call_later(self.header_timeout, self._headers_late)

    def _disarm_header_deadline(self) -> None:
        if self._header_deadline is not None:
            self._header_deadline.cancel()
            self._header_deadline = None

    def _headers_late(self) -> None:
        self._header_deadline = None
        if self.cycle is None or self.cycle.response_complete:
            self._refuse(self._too_slow)

    def _refuse(self, answer: bytes) -> None:
        self._refused = True
        self._disarm_header_deadline()
        if not self.transport.is_closing():
            self.transport.write(answer)
            self.transport.close()


def _connection_cap(max_connections: int) -> int:
    return max_connections if max_connections > 0 else 1 << 62  # 0: no limit


def guarded_protocol(
    max_header_bytes: int, header_timeout: float, max_connections: int
) -> type[GuardedHttpToolsProtocol]:
    """The protocol class uvicorn instantiates per connection (`uvicorn.run(http=...)`)."""
    return type(
        "GuardedHttpToolsProtocol",
        (GuardedHttpToolsProtocol,),
        {
            "max_header_bytes": max_header_bytes,
            "header_timeout": header_timeout,
            "max_connections": _connection_cap(max_connections),
        },
    )


class SettingsGuardedProtocol(GuardedHttpToolsProtocol):
    """The guarded protocol with the limits of this process's settings (API_MAX_HEADER_BYTES,
    API_HEADER_TIMEOUT, API_MAX_CONNECTIONS): a module-level class, so uvicorn can import it
    in the worker processes it spawns. The settings are read once per process (get_settings
    is cached) and copied to the connection before it starts."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        settings = get_settings()
        self.max_header_bytes = settings.max_header_bytes
        self.header_timeout = settings.header_timeout
        self.max_connections = _connection_cap(settings.max_connections)
        super().__init__(*args, **kwargs)
