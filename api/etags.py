"""HTTP caching: an `ETag` on every successful GET answer, `Cache-Control`, and `304 Not
Modified` for `If-None-Match` (RFC 9110 section 13.1.2, RFC 9111).

Why here and in two parts: an answer is a pure function of (build, URL), so a client or a
proxy may keep it and only ask "has it changed?". The tag is computed where the body is
made, once, and travels with it:

- `TaggedResponse` is the app's `response_class`: when a handler's answer to a GET is a
  200, it adds `ETag: "<build>.<digest>"`, the served build's name (its file,
  `warehouse-<stamp>`, the same in every process serving it) and a BLAKE2b digest of the
  encoded body. It runs *inside* Litestar's response cache, so the stored answer holds its
  tag (api/cache.py keeps `etag` among the body headers) and a replayed answer carries the
  same tag without hashing the body again. Answers that say `Cache-Control: no-store`
  (`/health`, `/metrics`: they change without a build) get no tag. Pages served as files
  (`/report`, `/warehouse-docs`) keep the tag Litestar gives a file (its path, size and
  time: each build has its own page file).
- `ConditionalGet` is an ASGI wrapper at the edge: a 200 GET answer with a tag gets
  `Cache-Control: public, max-age=300` unless it has one (the tagged answers are stored with
  it; the pages get it here), and when the request's
  `If-None-Match` matches the tag (`*`, a list, `W/` tags: the weak comparison the RFC
  prescribes for GET) the answer becomes a `304` with the tag and `Cache-Control` and no
  body. It only reads headers, so a cached answer costs no hashing either way.

Why `max-age=300` and not `immutable`: a build never changes, but the live build can be
swapped for a new one at any time. Five minutes bounds how long a client keeps showing the
previous build's answer after a swap; after that it revalidates, and an unchanged answer
costs a 304 from the response cache. `public`: no answer depends on who asks.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from litestar import Response

from warehouse.document_store import body_digest

if TYPE_CHECKING:
    from litestar import Request
    from litestar.response.base import ASGIResponse
    from litestar.types import ASGIApp, Message, Receive, Scope, Send

    from api.db import Warehouse

#: Key of the app's state holding `served_build(warehouse)`.
SERVED_BUILD = "served_build"
#: Seconds a client or proxy may reuse an answer before revalidating it (module docstring).
MAX_AGE = 300
CACHE_CONTROL = f"public, max-age={MAX_AGE}"

_ETAG = b"etag"
_CACHE_CONTROL = b"cache-control"
_IF_NONE_MATCH = b"if-none-match"
#: What a 304 keeps of the 200 it replaces (RFC 9110 section 15.4.5); never the body's type
#: or length.
_NOT_MODIFIED_KEEPS = frozenset((_ETAG, _CACHE_CONTROL, b"content-location", b"expires", b"vary"))
_ENTITY_TAG = re.compile(r'(?:W/)?("[^"]*")')


def build_id(target: str) -> str:
    """The name of a build file without its suffix (`warehouse-20261203T163105790431Z`)."""
    return os.path.splitext(os.path.basename(target))[0]


def entity_tag(build: str, body: bytes) -> str:
    """The strong entity tag of `body` as answered from `build`."""
    return f'"{build}.{body_digest(body)}"'


def if_none_match_matches(header: str, etag: str) -> bool:
    """`If-None-Match: header` matches the current tag `etag`: `*`, or any listed tag equal
    to it by the weak comparison (the opaque tags are equal, `W/` ignored)."""
    if header.strip() == "*":
        return True
    current = _ENTITY_TAG.fullmatch(etag.strip())
    if current is None:
        return False
    return any(tag == current[1] for tag in _ENTITY_TAG.findall(header))


def served_build(warehouse: Warehouse) -> Callable[[], str]:
    """What the app keeps in its state under SERVED_BUILD: the name of the build being
    served now (it follows a swap)."""
    return lambda: build_id(warehouse.current.target)


class TaggedResponse(Response):
    """The app's response class: a 200 answer to a GET gets its ETag (module docstring).
    Handlers that set headers of their own return one directly (api.paging)."""

    def to_asgi_response(
        self, app: Any, request: Request[Any, Any, Any], **kwargs: Any
    ) -> ASGIResponse:
        response = super().to_asgi_response(app, request, **kwargs)
        if (
            response.status_code == 200
            and request.method == "GET"
            and "etag" not in response.headers
            and "no-store" not in response.headers.get("cache-control", "")
        ):
            build = request.app.state[SERVED_BUILD]()
            response.headers["etag"] = entity_tag(build, response.body)
            # Stored with the answer too, so the edge need not copy a replay's headers.
            response.headers.setdefault("cache-control", CACHE_CONTROL)
        return response


def _header(headers: Any, name: bytes) -> bytes | None:
    """The value of header `name` (lower case), several lines joined by commas (RFC 9110
    section 5.3)."""
    values = [bytes(value) for key, value in headers if bytes(key).lower() == name]
    return b", ".join(values) if values else None


class ConditionalGet:
    """ASGI wrapper: `Cache-Control` on tagged 200 GET answers, `304` when `If-None-Match`
    matches (module docstring)."""

    def __init__(self, app: ASGIApp, cache_control: str = CACHE_CONTROL) -> None:
        self.app = app
        self.cache_control = cache_control.encode("latin-1")

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "GET":
            await self.app(scope, receive, send)
            return
        condition = _header(scope.get("headers", ()), _IF_NONE_MATCH)
        not_modified = False

        async def send_with_validators(message: Message) -> None:
            nonlocal not_modified
            if message["type"] == "http.response.start" and message["status"] == 200:
                headers = message.get("headers", ())
                etag = _header(headers, _ETAG)
                if etag is not None:
                    if _header(headers, _CACHE_CONTROL) is None:  # a page served as a file
                        # A copy: the response cache may still hold this very message.
                        headers = [*headers, (_CACHE_CONTROL, self.cache_control)]
                        message = {**message, "headers": headers}  # type: ignore[assignment]
                    if condition is not None and if_none_match_matches(
                        condition.decode("latin-1"), etag.decode("latin-1")
                    ):
                        not_modified = True
                        kept = [
                            (bytes(name), bytes(value))
                            for name, value in headers
                            if bytes(name).lower() in _NOT_MODIFIED_KEEPS
                        ]
                        await send({"type": "http.response.start", "status": 304, "headers": kept})
                        await send({"type": "http.response.body", "body": b"", "more_body": False})
                        return
            elif not_modified:
                return  # the body of the answer the 304 replaced
            await send(message)

        await self.app(scope, receive, send_with_validators)
