"""What a domain keeps in memory for the build being served: made once per build, on the
slow path, and dropped when the API has moved on to another build.

Search (a Tantivy index opened from the build's directory) and discover (the filter columns
of `api.discover_movies` as arrays) answer from memory, not from a DuckDB statement per
request. Both must follow a swap exactly like the statements do: `PerBuild.get` keys what it
made by the build the warehouse serves now (its attach alias and file), so the
first request after a swap loads the new build's and no request ever mixes two builds.
Loading runs on the slow-path pool (api.dispatch): on the event loop `get` raises `SlowPath`
until the object exists.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Generic, TypeVar

from api.dispatch import SlowPath, fast_only

if TYPE_CHECKING:
    from api.db import BuildHandle, Warehouse

T = TypeVar("T")

#: Builds whose objects are kept: the one served and the one before (in-flight requests).
KEEP = 2


class PerBuild(Generic[T]):
    """`load(warehouse, handle)` made once per served build and shared by every request."""

    def __init__(self, load: Callable[[Warehouse, BuildHandle], T]) -> None:
        self._load = load
        self._made: dict[tuple[int, str, str], T] = {}
        self._lock = threading.Lock()

    def get(self, warehouse: Warehouse) -> T:
        handle = warehouse.current
        # An alias is unique within one Warehouse; tests run several in one process.
        key = (id(warehouse), handle.alias, handle.target)
        made = self._made.get(key)
        if made is not None:
            return made
        if fast_only():
            raise SlowPath(f"load {self._load.__qualname__}")
        with self._lock:  # one loader per build; the others wait for it
            made = self._made.get(key)
            if made is None:
                made = self._load(warehouse, handle)
                self._made[key] = made
                if len(self._made) > KEEP:
                    gc.unfreeze()  # let the dropped build's objects be collected
                    while len(self._made) > KEEP:
                        self._made.pop(next(iter(self._made)))
                    gc.collect()
                # What was loaded lives as long as its build: out of the collector's way, so
                # full collections do not walk ~200,000 objects (0.5 s pauses under load).
                gc.freeze()
        return made
