"""Where a name lookup runs: on the event loop when its answer is already known, on a small
bounded pool of threads when it has to ask DuckDB.

Why: the event loop thread also answers every cached request. A lookup that asks DuckDB
takes 0.5-1.5 ms, and 6-9 ms when an unknown name falls back to suggestions; run on the loop,
32 connections asking for unknown names pushed a cached lookup from 0.9 ms to 158 ms, because
it waited behind them. Always running lookups in threads costs every request a thread hop
(the thread and the loop take turns on the GIL: a 1 ms query finished tens of ms later).

So `point_lookup` makes a sync handler an async one that first runs it on the loop in
*fast-only* mode: `Warehouse.query` answers from its per-build result cache and raises
`SlowPath` instead of executing a statement. A handler that raised `SlowPath` is run again,
from the start, on the slow-path pool (`anyio` limiter of `slow_path_threads`, apart from the
default pool that runs the handlers marked `MAY_RUN_LONG`); handlers are pure functions of the
build, so running one again repeats only cached work. Misses wait for a slow-path thread,
never the loop, and the loop keeps answering cached requests while DuckDB (which releases the
GIL) works in the threads.
"""

from __future__ import annotations

import asyncio
import functools
import threading
import weakref
from collections.abc import Callable
from typing import Any, TypeVar

import anyio.to_thread
from anyio import CapacityLimiter

R = TypeVar("R")

#: Threads running the lookups the loop could not answer from the cache (per event loop).
_slow_path_threads = 2
_limiters: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, CapacityLimiter] = (
    weakref.WeakKeyDictionary()
)
_state = threading.local()


class SlowPath(Exception):
    """Raised on the event loop by work that would take milliseconds (a statement to run):
    the handler is run again in a slow-path thread."""


def fast_only() -> bool:
    """True while a `point_lookup` handler runs on the event loop: no statement may run."""
    return getattr(_state, "fast_only", False)


def configure_slow_path(threads: int) -> None:
    """The number of slow-path threads of event loops started from now on (at least 1)."""
    global _slow_path_threads
    _slow_path_threads = max(1, threads)


def _limiter() -> CapacityLimiter:
    loop = asyncio.get_running_loop()
    limiter = _limiters.get(loop)
    if limiter is None:
        limiter = _limiters[loop] = CapacityLimiter(_slow_path_threads)
    return limiter


def point_lookup(fn: Callable[..., R]) -> Callable[..., Any]:
    """A sync handler made async: answered on the loop from cached results, else run again
    in a slow-path thread (see the module docstring). Litestar reads the wrapped function's
    signature (functools.wraps), so parameters and OpenAPI are unchanged."""

    @functools.wraps(fn)
    async def handler(*args: Any, **kwargs: Any) -> R:
        _state.fast_only = True
        try:
            return fn(*args, **kwargs)
        except SlowPath:
            pass
        finally:
            _state.fast_only = False
        return await anyio.to_thread.run_sync(
            functools.partial(fn, *args, **kwargs), limiter=_limiter()
        )

    return handler
