"""Response caching for the name routes, and encoded slashes in path arguments.

A build never changes once written, so an answer is a pure function of (build, URL). Litestar's
response cache serves a repeated URL from memory on the event loop, before parameter parsing
and without a worker-thread hop; the key starts with the alias of the build being served, so a
swap to a new build starts from fresh answers. The key holds the method too, and only successful
GET answers are stored (`store_only_successful_gets`): an OPTIONS request to a URL once answered
its 204 to every later GET of that URL, for everyone, until the next build. The store is a
bounded LRU, so odd URLs cannot grow memory without limit. Headers that belong to one request
(`X-Request-ID`) are added at the ASGI edge after the cache (api/metrics.py), so they are never
stored nor replayed.

Names such as `Face/Off` or `AC/DC` reach a path route as `%2F`, which the server decodes
before routing; `EncodedSlashes` keeps such a slash inside its path segment (as SLASH, turned
back into `/` by api.lookup.clean_argument).
"""

from __future__ import annotations

from collections import OrderedDict
from datetime import timedelta
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote

import msgspec
from litestar.stores.base import Store
from msgspec import msgpack

if TYPE_CHECKING:
    from litestar import Request
    from litestar.types import ASGIApp, HTTPScope, Receive, Scope, Send

    from api.db import Warehouse

#: Stands for an encoded slash inside one path segment (a private-use character).
SLASH = "\uf8ff"


#: Headers describing the body (`etag`: api.etags; `x-total-count`: api.paging;
#: `content-location`: /find), the only ones a stored answer keeps: anything else belongs to
#: the request that computed it (X-Request-ID, rate-limit counters, security headers added at
#: the edge) and must not be replayed to another client.
BODY_HEADERS = frozenset(
    (b"content-type", b"content-length", b"content-disposition", b"content-encoding",
     b"etag", b"last-modified", b"cache-control", b"vary", b"content-location",
     b"x-total-count")
)  # fmt: skip


def body_headers_only(stored: bytes) -> bytes:
    """Litestar's stored answer (msgpack of its ASGI messages) without per-request headers.

    Runs when an answer is stored (once per URL and build), never when it is replayed."""
    try:
        messages = msgpack.decode(stored)
    except msgspec.DecodeError:
        return stored  # not an answer Litestar stored: nothing to strip
    if not isinstance(messages, list):
        return stored
    for message in messages:
        if isinstance(message, dict) and "headers" in message:
            message["headers"] = [
                pair for pair in message["headers"] if bytes(pair[0]).lower() in BODY_HEADERS
            ]
    return msgpack.encode(messages)


class BoundedMemoryStore(Store):
    """An in-process LRU store of at most `max_entries` values (expiry is honoured too)."""

    def __init__(self, max_entries: int = 8192) -> None:
        self.max_entries = max_entries
        self._values: OrderedDict[str, bytes] = OrderedDict()

    async def set(
        self, key: str, value: str | bytes, expires_in: int | timedelta | None = None
    ) -> None:
        if self.max_entries <= 0:
            return
        if isinstance(value, str):
            value = value.encode("utf-8")
        self._values[key] = body_headers_only(value)
        self._values.move_to_end(key)
        while len(self._values) > self.max_entries:
            self._values.popitem(last=False)

    async def get(self, key: str, renew_for: int | timedelta | None = None) -> bytes | None:
        value = self._values.get(key)
        if value is not None:
            self._values.move_to_end(key)
        return value

    async def delete(self, key: str) -> None:
        self._values.pop(key, None)

    async def delete_all(self) -> None:
        self._values.clear()

    async def exists(self, key: str) -> bool:
        return key in self._values

    async def expires_in(self, key: str) -> int | None:
        return None

    def size(self) -> int:
        # Not __len__: Litestar's StoreRegistry would take an empty store for a missing one.
        return len(self._values)


_SCOPE_KEY = "movie_warehouse.response_cache_key"


#: Scope key api.document_store.respond sets: the answer is a stored body (not re-stored).
FROM_STORE = "movie_warehouse.from_document_store"


def store_only_successful_gets(scope: HTTPScope, status_code: int) -> bool:
    """Litestar's `cache_response_filter`: keep 2xx answers to GET only. Every other method's
    answer (OPTIONS 204, a HEAD without body) shapes nothing a later GET may reuse, and a
    body read from the build's document store is already kept there."""
    return (
        scope["method"] == "GET" and 200 <= status_code < 300 and FROM_STORE not in scope  # type: ignore[operator]
    )


def response_cache_key_builder(warehouse: Warehouse):
    """Cache keys `<build alias> <method> <path>?<query>`: answers never cross builds or
    methods. Nothing else shapes an answer: the body is JSON whatever `Accept` says, and no
    answer is compressed or varies by header.

    Litestar builds the key twice, to look the answer up and, after the handler ran, to store
    it. The first key is kept in the request scope and reused, so an answer computed while a
    swap happens is stored under the build alias of the lookup (or an older one, never used
    again), never under the new build's."""

    def key(request: Request[Any, Any, Any]) -> str:
        scope = request.scope
        cached = scope.get(_SCOPE_KEY)  # type: ignore[call-overload]
        if cached is None:
            query = scope.get("query_string", b"").decode("latin-1")
            cached = f"{warehouse.current.alias} {scope['method']} {scope['path']}?{query}"
            scope[_SCOPE_KEY] = cached  # type: ignore[literal-required]
        return cached

    return key


class EncodedSlashes:
    """ASGI wrapper: re-decode a path holding `%2F` so each encoded slash stays in its segment."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        raw_path = scope.get("raw_path") if scope["type"] == "http" else None
        if raw_path and b"%2f" in raw_path.lower():
            raw = raw_path.decode("latin-1").split("?", 1)[0]
            path = "/".join(unquote(segment).replace("/", SLASH) for segment in raw.split("/"))
            scope = {**scope, "path": path}  # type: ignore[assignment]
        await self.app(scope, receive, send)
