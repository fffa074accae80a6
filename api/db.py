"""The API's read-only view of the live build, and the switch to a new one.

The live path (`WAREHOUSE_PATH`, default `build/warehouse.duckdb`) is a symlink to
`build/builds/<timestamp>.duckdb`; a rebuild writes a new file and replaces the symlink. DuckDB
caches one database instance per path inside a process, so this module never reconnects to
"the same path". Instead:

- one in-memory *router* connection per build, hardened before it touches any file:
  `allowed_directories` = the builds directory, then `enable_external_access = false`; the
  build the symlink points at is `ATTACH`ed read-only under a fresh alias (`wh_1`, `wh_2`,
  ...), then the local file system is switched off (`disabled_filesystems =
  'LocalFileSystem'`: the attached file keeps being read through its open handle, but no
  statement can open, create or write a file any more: no `COPY ... TO`, `EXPORT DATABASE` or
  `ATTACH` of a new file, which the allow-list alone still let write into the builds
  directory), then `lock_configuration = true`. SQL names the alias through the `{db}`
  placeholder, which only this module fills;
- a watcher thread resolves `realpath(WAREHOUSE_PATH)` every `poll_interval` seconds; when the
  target changes it opens a router on the new file, checks it has the api views, switches
  requests to it under a lock, waits for the requests still reading the old build, then
  closes the old router and its cursors;
- each worker thread has its own cursor on the current build's router (`router.cursor()`),
  created once per build and reused.

Rows reach the API as msgspec Structs mapped by column name (`fetch_structs`): a column is
matched to the field of the same name (or the field's JSON name, e.g. `"return"`), so
reordering a SELECT changes nothing, and a column without a field (or a required field
without a column) fails loudly instead of shifting values into the wrong fields.

The allow-list is the directory of the first build, so every later build must be written to
the same `builds/` directory (the warehouse CLI does); a target elsewhere is refused and
logged, and the current build keeps being served. A build without the api views is refused
the same way.

Builds are immutable, so answers are memoised per build (`BuildHandle.cache`, bounded FIFO);
a switch starts from an empty cache because the cache belongs to the build it describes.

Where handlers run: a name lookup is one or two indexed point queries (0.5-1.5 ms; 6-9 ms
when an unknown name falls back to suggestions). Those handlers (`api.dispatch.point_lookup`)
run on the event loop thread when every statement they need is already in the build's result
cache, and on a small bounded pool of threads otherwise (`Warehouse.query` raises
`SlowPath` rather than run a statement on the loop), so a slow miss never makes a cached
answer wait. Handlers whose statements scan or aggregate (film details, similar items,
streaming aggregates, users, health) always run in worker threads (`MAY_RUN_LONG`).
"""

from __future__ import annotations

import functools
import itertools
import logging
import os
import threading
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from operator import itemgetter
from typing import Any, TypeVar

import duckdb
import msgspec

from api import integrity
from api.dispatch import SlowPath, fast_only

log = logging.getLogger("api.db")

DEFAULT_WAREHOUSE_PATH = "build/warehouse.duckdb"

#: `sync_to_thread` of handlers whose statements may scan or aggregate: a worker thread.
MAY_RUN_LONG = True

Params = Sequence[Any] | Mapping[str, Any]
S = TypeVar("S", bound=msgspec.Struct)


class WarehouseUnavailable(RuntimeError):
    """The live path names no readable build with the api views."""


@dataclass(slots=True)
class Result:
    """One statement's answer: its column names (read once, from the cursor), its rows, and
    the Structs built from them so far. Kept together in the build's cache, so a repeated
    statement maps its rows once, not once per request."""

    columns: tuple[str, ...]
    rows: list[tuple[Any, ...]]
    structs: dict[tuple[type, str | None], list[Any]] = field(default_factory=dict)


@dataclass
class BuildHandle:
    """One attached build: its router and alias, its file, and its answers so far."""

    alias: str
    target: str
    attached_at: datetime
    cache_size: int
    router: duckdb.DuckDBPyConnection | None = None
    cursors: list[duckdb.DuckDBPyConnection] = field(default_factory=list)
    inflight: int = 0
    cache: dict[tuple[Any, ...], Result] = field(default_factory=dict)
    cache_lock: threading.Lock = field(default_factory=threading.Lock)
    hits: int = 0
    misses: int = 0
    #: The file's SHA-256 against the build's record (api.integrity), set in the background.
    checksum: str = integrity.PENDING

    def remember(self, key: tuple[Any, ...], result: Result) -> None:
        if self.cache_size <= 0:
            return
        with self.cache_lock:
            while len(self.cache) >= self.cache_size:
                self.cache.pop(next(iter(self.cache)))
            self.cache[key] = result


def _hashable(value: Any) -> Any:
    """A list parameter (`in (select unnest($ids))`) as a tuple, so it can key the cache."""
    return tuple(value) if isinstance(value, list) else value


def _freeze(params: Params) -> tuple[Any, ...]:
    if isinstance(params, Mapping):
        return tuple(sorted((name, _hashable(value)) for name, value in params.items()))
    return tuple(_hashable(value) for value in params)


def _sql_literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


@functools.cache
def _field_names(struct: type[msgspec.Struct]) -> dict[str, str]:
    """A Struct's attribute names by JSON name, where they differ (`"return"` -> `return_`),
    so a column may be named like the JSON field it fills."""
    return {
        info.encode_name: info.name
        for info in msgspec.structs.fields(struct)
        if info.encode_name != info.name
    }


def _to_structs(result: Result, struct: type[S], rank: str | None) -> list[S]:
    renamed = _field_names(struct)
    keywords = [renamed.get(column, column) for column in result.columns]  # once per result
    records = [dict(zip(keywords, row, strict=True)) for row in result.rows]
    if rank is not None:
        records.sort(key=itemgetter(rank))
        for record in records:
            del record[rank]
    return [struct(**record) for record in records]


class Warehouse:
    """Read-only access to the live build, following it across rebuilds."""

    def __init__(
        self,
        path: str | os.PathLike[str] | None = None,
        *,
        poll_interval: float = 0.5,
        threads: int = 1,
        memory_limit: str = "256MB",
        cache_size: int = 8192,
        drain_timeout: float = 30.0,
    ) -> None:
        self.path = os.fspath(path or os.environ.get("WAREHOUSE_PATH") or DEFAULT_WAREHOUSE_PATH)
        self.poll_interval = poll_interval
        self.threads = threads
        self.memory_limit = memory_limit
        self.cache_size = cache_size
        self.drain_timeout = drain_timeout
        self._router_lock = threading.Lock()  # a build's router (cursor(), close())
        self._lock = threading.Lock()  # self._current and in-flight counts
        self._current: BuildHandle | None = None
        self._local = threading.local()
        self._aliases = itertools.count(1)
        self._stop = threading.Event()
        self._watcher: threading.Thread | None = None
        self._failed_target: tuple[str, float] | None = None
        self.builds_dir: str | None = None
        self.switches = 0

    # -- lifecycle ---------------------------------------------------------------------------

    def open(self) -> None:
        """Attach the build the live path names now and start following it."""
        if self._current is not None:
            return
        target = os.path.realpath(self.path)
        if not os.path.isfile(target):
            raise WarehouseUnavailable(
                f"no warehouse at {self.path!r} (resolved to {target!r}); build it first"
            )
        self.builds_dir = os.path.dirname(target)
        handle = self._attach(target)
        if handle is None:
            raise WarehouseUnavailable(f"{target!r} is not a warehouse with the api views")
        self._current = handle
        self._verify_in_background(handle)
        self._stop.clear()
        self._watcher = threading.Thread(target=self._watch, name="warehouse-watcher", daemon=True)
        self._watcher.start()
        log.info("serving %s as %s", target, handle.alias)

    def close(self) -> None:
        self._stop.set()
        if self._watcher is not None and self._watcher is not threading.current_thread():
            self._watcher.join(timeout=5)
        self._watcher = None
        handle, self._current = self._current, None
        if handle is not None:
            self._close_router(handle)

    def __enter__(self) -> Warehouse:
        self.open()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # -- queries -----------------------------------------------------------------------------

    @property
    def current(self) -> BuildHandle:
        handle = self._current
        if handle is None:
            raise WarehouseUnavailable("the warehouse is not open")
        return handle

    def query(self, sql: str, params: Params = ()) -> Result:
        """The answer to one parameterized statement against the current build, memoised.

        `sql` names the build's catalog as `{db}` (e.g. `from {db}.api.actor_success`); the
        statement text is a constant of the caller, every value a parameter.
        """
        with self._lock:
            handle = self._current
            if handle is None:
                raise WarehouseUnavailable("the warehouse is not open")
            handle.inflight += 1
        try:
            key = (sql, _freeze(params))
            result = handle.cache.get(key)
            if result is not None:
                handle.hits += 1
                return result
            if fast_only():
                raise SlowPath(sql)  # on the event loop: run again in a slow-path thread
            handle.misses += 1
            cursor = self._cursor(handle).execute(sql.replace("{db}", handle.alias), params)
            columns = tuple(column[0] for column in cursor.description or ())
            result = Result(columns=columns, rows=cursor.fetchall())
            handle.remember(key, result)
            return result
        finally:
            with self._lock:
                handle.inflight -= 1

    def fetch_all(self, sql: str, params: Params = ()) -> list[tuple[Any, ...]]:
        """The raw rows of a statement, for checks and tools; the API's services read rows
        by column name with `fetch_structs` instead."""
        return self.query(sql, params).rows

    def read_once(self, handle: BuildHandle, sql: str, params: Params = ()) -> Result:
        """One statement against `handle`'s build, not memoised: for loading what a domain
        keeps in memory for a whole build (api.per_build), which would only crowd the cache."""
        cursor = self._cursor(handle).execute(sql.replace("{db}", handle.alias), params)
        columns = tuple(column[0] for column in cursor.description or ())
        return Result(columns=columns, rows=cursor.fetchall())

    def read_arrays_once(
        self, handle: BuildHandle, sql: str, params: Params = ()
    ) -> dict[str, Any]:
        """`read_once`'s columns as numpy arrays (DuckDB's fetchnumpy): no Python object per
        value, for the large per-build tables a domain keeps as arrays."""
        cursor = self._cursor(handle).execute(sql.replace("{db}", handle.alias), params)
        return cursor.fetchnumpy()

    def read_structs_once(
        self, handle: BuildHandle, sql: str, struct: type[S], params: Params = ()
    ) -> list[S]:
        """`read_once`'s rows as `struct`s by column name (see fetch_structs)."""
        return _to_structs(self.read_once(handle, sql, params), struct, None)

    def fetch_structs(
        self, sql: str, params: Params, struct: type[S], *, rank: str | None = None
    ) -> list[S]:
        """The rows of a statement as `struct`s, each column given to the field of its name.

        `rank` names a column the rows are put in order by here (then left out): lookups
        return a handful of rows per key, and sorting them in Python is cheaper than an
        ORDER BY in DuckDB, while the order is still the view's (name_rank, title_rank, ...).

        The Structs are built once per cached result and shared by every request that asks
        again (builds are immutable): callers read them and build their answers from them,
        never modify them.
        """
        result = self.query(sql, params)
        key = (struct, rank)
        structs = result.structs.get(key)
        if structs is None:
            structs = result.structs[key] = _to_structs(result, struct, rank)
        return list(structs)

    def fetch_struct(self, sql: str, params: Params, struct: type[S]) -> S | None:
        """The first row of a statement as a `struct` (see fetch_structs), None without rows."""
        structs = self.fetch_structs(sql, params, struct)
        return structs[0] if structs else None

    def _cursor(self, handle: BuildHandle | None = None) -> duckdb.DuckDBPyConnection:
        """This thread's cursor on `handle`'s router (default: the current build's)."""
        handle = handle or self.current
        local = self._local
        cursor = getattr(local, "cursor", None)
        if cursor is None or local.handle is not handle:
            with self._router_lock:
                if handle.router is None:
                    raise WarehouseUnavailable("the build was closed")
                cursor = handle.router.cursor()
                handle.cursors.append(cursor)
            local.handle, local.cursor = handle, cursor
        return cursor

    # -- following the live path -------------------------------------------------------------

    def _attach(self, target: str) -> BuildHandle | None:
        """A hardened router with `target` attached read-only (see the module docstring),
        or None when the file is outside the builds directory, unreadable or lacks the api
        views."""
        alias = f"wh_{next(self._aliases)}"
        router = duckdb.connect(
            ":memory:", config={"threads": self.threads, "memory_limit": self.memory_limit}
        )
        try:
            allowed = (self.builds_dir or "").rstrip(os.sep) + os.sep
            router.execute(f"set allowed_directories = [{_sql_literal(allowed)}]")
            router.execute("set enable_external_access = false")
            try:
                router.execute(f"attach {_sql_literal(target)} as {alias} (read_only)")
            except duckdb.Error as exc:
                log.error("cannot attach %s: %s", target, exc)
                router.close()
                return None
            try:
                router.execute(f"select count(*) from {alias}.api.build_info").fetchall()
            except duckdb.Error as exc:
                log.error("%s has no usable api views: %s", target, exc)
                router.close()
                return None
            # From here on no statement can open a file: the attached build is read through
            # the handle already open.
            router.execute("set disabled_filesystems = 'LocalFileSystem'")
            router.execute("set lock_configuration = true")
        except BaseException:
            router.close()
            raise
        return BuildHandle(
            alias=alias,
            target=target,
            attached_at=datetime.now(UTC),
            cache_size=self.cache_size,
            router=router,
        )

    def _close_router(self, handle: BuildHandle) -> None:
        """Close a build's cursors and router (the file is released once all are closed)."""
        with self._router_lock:
            for cursor in handle.cursors:
                cursor.close()
            handle.cursors.clear()
            if handle.router is not None:
                handle.router.close()
                handle.router = None

    def refresh(self) -> bool:
        """Switch to the build the live path names now, if it changed. True on a switch."""
        current = self._current
        if current is None:
            return False
        try:
            target = os.path.realpath(self.path)
            stat = os.stat(target)
        except OSError:
            return False  # mid-swap or removed: keep serving the current build
        if target == current.target:
            return False
        if self._failed_target == (target, stat.st_mtime):
            return False
        handle = self._attach(target)
        if handle is None:
            self._failed_target = (target, stat.st_mtime)
            return False
        with self._lock:
            old, self._current = self._current, handle
        self.switches += 1
        self._verify_in_background(handle)
        log.info("switched to %s as %s", target, handle.alias)
        if old is not None:
            self._retire(old)
        return True

    def _verify_in_background(self, handle: BuildHandle) -> None:
        """Hash the attached file against its recorded SHA-256 in a daemon thread (about a
        second for 300 MB): start-up and requests never wait for it."""

        def verify() -> None:
            handle.checksum = integrity.verify_checksum(handle.target)

        threading.Thread(target=verify, name="warehouse-checksum", daemon=True).start()

    def _retire(self, old: BuildHandle) -> None:
        deadline = time.monotonic() + self.drain_timeout
        while time.monotonic() < deadline:
            with self._lock:
                if old.inflight == 0:
                    break
            time.sleep(0.005)
        self._close_router(old)
        old.cache.clear()

    def _watch(self) -> None:
        while not self._stop.wait(self.poll_interval):
            try:
                self.refresh()
            except Exception:
                log.exception("warehouse watcher error")
