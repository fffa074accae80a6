"""The served build's ready-to-send bodies (warehouse/document_store.py writes them).

`GET /movies/{id}`, `/people/{id}`, `/movies/{id}/similar` and `/users/{id}/recommendations`
(with their default parameters) answer from here: a binary search of the key in an array held
in memory, then one `os.pread` of the body from the build's file. No statement runs, no
Struct is built, nothing is encoded: a crawl of every key (which the answer cache cannot help)
costs what a cached answer costs. bench/documents.py measured the options on the full data
(µs per lookup of a film's body): a DuckDB point query on an indexed table 630, a memory map
2.2, `pread` 3.1, a dict of every body 0.3. `pread` is kept: the microsecond is under 1 % of
a request, and it adds nothing to the process's resident set (the bodies stay in the page
cache, shared by every worker), where a crawl through the map or the dict added 37-40 MiB
per kind to each worker.

The store is loaded once per build (`DOCUMENTS`, api.per_build: keys and offsets, a few MB)
on the slow path and follows a swap with the build. A build without a store (written before
stores existed) or a kind it lacks (a build without recommenders) answers `None`, and the
routes assemble the answer from SQL as before; so does a key the store does not hold (an
unknown id gets its 404 from there).

A handler that answers from the store calls `respond`: the body goes out as it is, with the
ETag the build computed (its digest is stored beside the body: no request hashes), and
Litestar's response cache does not keep a copy (`api.cache.store_only_successful_gets`
reads the mark `respond` leaves in the scope): the store already is the cache, and a crawl
would only push the searches out of it.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import re
import weakref
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, NamedTuple

import numpy as np
from litestar.enums import MediaType

from api.cache import FROM_STORE
from api.db import WarehouseUnavailable
from api.dispatch import SlowPath
from api.etags import CACHE_CONTROL, TaggedResponse, build_id
from api.per_build import PerBuild
from warehouse.document_store import FORMAT, META_FILE, kind_files, store_dir

if TYPE_CHECKING:
    from litestar.types import ASGIApp, Receive, Scope, Send

    from api.db import BuildHandle, Warehouse

log = logging.getLogger("api.documents")


class Document(NamedTuple):
    """A stored body and its entity tag (api.etags: the build and the body's digest)."""

    body: bytes
    etag: str


@dataclass
class Kind:
    """One kind's keys, body offsets and digests (in memory) and its bodies file (read per
    request)."""

    keys: np.ndarray
    offsets: np.ndarray
    digests: np.ndarray
    fd: int
    count: int

    def get(self, key: int, build: str) -> Document | None:
        index = int(self.keys.searchsorted(key))
        if index == self.count or int(self.keys[index]) != key:
            return None
        start = int(self.offsets[index])
        body = os.pread(self.fd, int(self.offsets[index + 1]) - start, start)
        return Document(body, f'"{build}.{self.digests[index].decode()}"')


def _close_all(fds: list[int]) -> None:
    for fd in fds:
        with contextlib.suppress(OSError):
            os.close(fd)


class DocumentStore:
    """The bodies of one build, by kind (none: the build has no store). The files are closed
    when the store is dropped (api.per_build keeps the stores of two builds)."""

    def __init__(self, build: str = "", kinds: dict[str, Kind] | None = None) -> None:
        self.build = build
        self.kinds = kinds or {}
        weakref.finalize(self, _close_all, [kind.fd for kind in self.kinds.values()])

    def get(self, kind: str, key: int) -> Document | None:
        found = self.kinds.get(kind)
        if found is None or not -(2**63) <= key < 2**63:
            return None
        return found.get(key, self.build)


def open_store(warehouse: Warehouse, handle: BuildHandle) -> DocumentStore:
    """The store beside `handle`'s build file; empty when there is none or it is unreadable
    (the routes then answer from SQL, so a damaged store costs speed, never answers)."""
    directory = store_dir(handle.target)
    try:
        meta = json.loads((directory / META_FILE).read_text())
    except FileNotFoundError:
        return DocumentStore()
    except (OSError, ValueError) as exc:
        log.error("document store %s unreadable: %s", directory, exc)
        return DocumentStore()
    if meta.get("format") != FORMAT:
        log.error("document store %s has format %r, not %r", directory, meta.get("format"), FORMAT)
        return DocumentStore()
    kinds = {}
    for kind, facts in meta.get("kinds", {}).items():
        keys_file, offsets_file, bodies_file, digests_file = kind_files(directory, kind)
        try:
            keys = np.load(keys_file)
            offsets = np.load(offsets_file)
            digests = np.load(digests_file)
            fd = os.open(bodies_file, os.O_RDONLY)
        except (OSError, ValueError) as exc:
            log.error("document store %s: %s unreadable: %s", directory, kind, exc)
            continue
        count = len(keys)
        if not (
            count == facts.get("count") == len(offsets) - 1 == len(digests)
            and int(offsets[-1]) == os.fstat(fd).st_size
        ):
            log.error("document store %s: %s does not match its meta.json", directory, kind)
            os.close(fd)
            continue
        kinds[kind] = Kind(keys=keys, offsets=offsets, digests=digests, fd=fd, count=count)
    return DocumentStore(build_id(handle.target), kinds)


DOCUMENTS: PerBuild[DocumentStore] = PerBuild(open_store)


def find(warehouse: Warehouse, kind: str, key: int) -> Document | None:
    """The stored answer of `key`, or None (no store, no such kind, no such key). On the
    event loop before the build's store is loaded, raises SlowPath (api.dispatch)."""
    return DOCUMENTS.get(warehouse).get(kind, key)


def respond(scope: Scope, document: Document) -> TaggedResponse[Any]:
    """A stored answer, with its tag, kept out of the response cache."""
    scope[FROM_STORE] = True  # type: ignore[literal-required]
    return TaggedResponse(
        content=document.body, media_type=MediaType.JSON, headers={"etag": document.etag}
    )


#: The per-key GETs the edge answers: (path pattern, kind, the route template metrics use).
#: Only canonical ids (no sign, no leading zero) and no query string: anything else (a
#: parameter, `/movies/0862`, a HEAD) goes through Litestar, which validates it and answers
#: from the store or from SQL. The ids are the store's keys, so every answer found is one the
#: route would give.
EDGE_ROUTES = (
    (re.compile(r"/movies/([1-9][0-9]{0,9})"), "movie", "/movies/{movie_id}"),
    (
        re.compile(r"/movies/([1-9][0-9]{0,9})/similar"),
        "similar_films",
        "/movies/{movie_id}/similar",
    ),
    (re.compile(r"/people/([1-9][0-9]{0,9})"), "person", "/people/{person_id}"),
    (
        re.compile(r"/users/([1-9][0-9]{0,9})/recommendations"),
        "user_recommendations",
        "/users/{user_id}/recommendations",
    ),
)
_JSON = b"application/json"
_CACHE_CONTROL = CACHE_CONTROL.encode("latin-1")


class StoredAnswers:
    """ASGI wrapper: a GET of a per-key route without parameters, answered from the build's
    document store before Litestar routes it.

    Why at the edge: Litestar's routing, parameter parsing, dependency injection and response
    building cost more than reading the body: through a handler a crawl of stored answers ran
    at 2,474-3,084 rps, here at 6,056-7,111 (bench/api.py --crawl-only, the same day).
    Litestar's own response cache answers before the handler for the same reason. What the
    route would add, this adds: the body's type, length, ETag and Cache-Control; it sits in the
    metrics (`path_template` is set as Litestar's router sets it), the request limit and the
    conditional GET, so a stored answer is counted, limited and revalidated like any other.
    A recommendation answered here is counted as `known_user`, as the handler counts it.

    Not used when a per-client rate limit is configured: Litestar's rate-limit middleware
    runs after routing, and stored answers must not bypass it (the handlers still answer
    from the store then).
    """

    def __init__(self, app: ASGIApp, warehouse: Warehouse, count_known_user: Any) -> None:
        self.app = app
        self.warehouse = warehouse
        self.count_known_user = count_known_user

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["method"] == "GET" and not scope["query_string"]:
            document = self._find(scope)
            if document is not None:
                await send(
                    {
                        "type": "http.response.start",
                        "status": 200,
                        "headers": [
                            (b"content-type", _JSON),
                            (b"content-length", str(len(document.body)).encode("latin-1")),
                            (b"etag", document.etag.encode("latin-1")),
                            (b"cache-control", _CACHE_CONTROL),
                        ],
                    }
                )
                await send({"type": "http.response.body", "body": document.body})
                return
        await self.app(scope, receive, send)

    def _find(self, scope: Scope) -> Document | None:
        path = scope["path"]
        for pattern, kind, template in EDGE_ROUTES:
            match = pattern.fullmatch(path)
            if match is None:
                continue
            try:
                store = DOCUMENTS.get(self.warehouse)
            except (SlowPath, WarehouseUnavailable):
                return None  # not loaded yet (or no build): Litestar's route loads it
            document = store.get(kind, int(match[1]))
            if document is not None:
                scope["path_template"] = template  # type: ignore[typeddict-unknown-key]
                if kind == "user_recommendations":
                    self.count_known_user()
            return document
        return None
