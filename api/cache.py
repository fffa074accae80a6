"""Response caching for the name routes, and encoded slashes in path arguments.

A build never changes once written, so an answer is a pure function of (build, URL). Litestar's
response cache serves a repeated URL from memory on the event loop, before parameter parsing
and without a worker-thread hop; the key starts with the alias of the build being served, so a
swap to a new build starts from fresh answers. Only 2xx answers are cached (Litestar's default
filter) and the store is a bounded LRU, so odd URLs cannot grow memory without limit.

Names such as `Face/Off` or `AC/DC` reach a path route as `%2F`, which the server decodes
before routing; `EncodedSlashes` keeps such a slash inside its path segment (as SLASH, turned
back into `/` by api.lookup.clean_argument).
"""

from __future__ import annotations

from collections import OrderedDict
from datetime import timedelta
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote

from litestar.stores.base import Store

if TYPE_CHECKING:
    from litestar import Request
    from litestar.types import ASGIApp, Receive, Scope, Send

    from api.db import Warehouse

#: Stands for an encoded slash inside one path segment (a private-use character).
SLASH = "\uf8ff"


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
        self._values[key] = value
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


def response_cache_key_builder(warehouse: Warehouse):
    """Cache keys `<build alias> <path>?<query>`: answers never cross builds.

    Litestar builds the key twice, to look the answer up and, after the handler ran, to store
    it. The first key is kept in the request scope and reused, so an answer computed while a
    swap happens is stored under the build alias of the lookup (or an older one, never used
    again), never under the new build's."""

    def key(request: Request[Any, Any, Any]) -> str:
        scope = request.scope
        cached = scope.get(_SCOPE_KEY)  # type: ignore[call-overload]
        if cached is None:
            query = scope.get("query_string", b"").decode("latin-1")
            cached = f"{warehouse.current.alias} {scope['path']}?{query}"
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
