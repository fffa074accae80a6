"""One server, N worker processes: each worker's figures in the server's spool directory, and
what `/metrics` and `/health` make of them.

`python -m warehouse serve --workers N` (N > 1) runs N uvicorn worker processes on one
listening socket (api/serve.py). Each keeps its own request counters (api/metrics.py: plain
dicts updated on the event loop, no lock and no file write per request) and attaches and
follows the live build on its own (api/db.py). To report the whole server rather than the one
worker a scrape happens to reach:

- every worker writes a *snapshot* of its figures to `<METRICS_DIR>/<pid>.json`: requests by
  method, route and status, latency buckets and sums, disconnects, handler outcomes, requests
  in progress, and the build it serves (file, attach time, swaps, result-cache lookups). It
  does so from a background thread every `interval` (1 s), when it shuts down, and when it
  answers a scrape; each write goes to a temporary file renamed over the previous snapshot
  (`os.replace`), so a reader sees a whole snapshot, never part of one;
- a scrape merges every snapshot in the directory (`merge`): counters and histograms are
  summed over every worker that ever wrote one, exited workers included, so a worker the
  supervisor restarted keeps its predecessor's counts and no counter goes backwards (what a
  SIGKILLed worker counted after its last snapshot, at most `interval`, is lost); requests in
  progress, the build each worker serves and the result-cache lookups are taken from the
  *live* workers only: the pid exists (and is no zombie) and its snapshot is at most
  `stale_after` seconds old.

A worker that finds a snapshot under its own pid at start (an exited worker's: the pid was
reused) renames it `<pid>.<ns>.exited.json`, so those counts stay. A spool belongs to one
server: `serve` empties it at start (`clear`) and makes a temporary one, removed on exit, when
METRICS_DIR is not set. Snapshots are JSON (msgspec): a few KiB, about 0.1 ms to write.
"""

from __future__ import annotations

import logging
import os
import re
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from itertools import zip_longest
from pathlib import Path

import msgspec

log = logging.getLogger("api.workers")

#: Seconds between a worker's snapshots.
INTERVAL = 1.0
#: A snapshot older than this is no live worker's (its process hangs or has gone).
STALE_AFTER = 5.0

_LIVE_NAME = re.compile(r"^(\d+)\.json$")
_EXITED_NAME = re.compile(r"^\d+\.\d+\.exited\.json$")
_TEMPORARY_NAME = re.compile(r"^\.\d+\.json\.tmp$")
_HAS_PROC = Path("/proc/self/stat").exists()


class Snapshot(msgspec.Struct, kw_only=True):
    """One worker's figures at `written_at` (seconds since the epoch)."""

    pid: int
    written_at: float
    #: (method, route, status, requests)
    counts: list[tuple[str, str, int, int]] = []
    #: route -> (requests per latency bucket, not cumulative, +Inf last; sum of seconds)
    latency: dict[str, tuple[list[int], float]] = {}
    disconnects: dict[str, int] = {}
    #: (family, outcome, count): api.metrics.OUTCOMES
    outcomes: list[tuple[str, str, int]] = []
    in_progress: int = 0
    #: The build it serves (None before its first attach or after its warehouse closed).
    warehouse_file: str | None = None
    attached_at: datetime | None = None
    switches: int = 0
    cache_hits: int = 0
    cache_misses: int = 0


@dataclass(frozen=True)
class WorkerState:
    """A live worker and the build it serves (`/health`'s `worker_builds`)."""

    pid: int
    warehouse_file: str
    attached_at: datetime
    switches: int


@dataclass
class Figures:
    """Request figures as api.metrics keeps them (one worker's, or the sum of many)."""

    counts: dict[tuple[str, str, int], int] = field(default_factory=dict)
    latency: dict[str, list] = field(default_factory=dict)
    disconnects: dict[str, int] = field(default_factory=dict)
    outcomes: dict[tuple[str, str], int] = field(default_factory=dict)
    in_progress: int = 0


def merge(snapshots: Iterable[tuple[Snapshot, bool]]) -> Figures:
    """The server's figures from (snapshot, live) pairs: counters and histograms summed over
    every snapshot, requests in progress over the live ones."""
    merged = Figures()
    for snapshot, live in snapshots:
        for method, route, status, n in snapshot.counts:
            key = (method, route, status)
            merged.counts[key] = merged.counts.get(key, 0) + n
        for route, (buckets, total) in snapshot.latency.items():
            entry = merged.latency.get(route)
            if entry is None:
                merged.latency[route] = [list(buckets), total]
            else:
                entry[0] = [a + b for a, b in zip_longest(entry[0], buckets, fillvalue=0)]
                entry[1] += total
        for route, n in snapshot.disconnects.items():
            merged.disconnects[route] = merged.disconnects.get(route, 0) + n
        for family, outcome, n in snapshot.outcomes:
            key = (family, outcome)
            merged.outcomes[key] = merged.outcomes.get(key, 0) + n
        if live:
            merged.in_progress += snapshot.in_progress
    return merged


def serving(snapshots: Iterable[tuple[Snapshot, bool]]) -> list[WorkerState]:
    """The live workers that serve a build, by pid."""
    return sorted(
        (
            WorkerState(s.pid, s.warehouse_file, s.attached_at, s.switches)
            for s, live in snapshots
            if live and s.warehouse_file is not None and s.attached_at is not None
        ),
        key=lambda worker: worker.pid,
    )


def process_alive(pid: int) -> bool:
    """The process exists and is not a zombie (a killed worker its supervisor has not reaped
    yet)."""
    if _HAS_PROC:
        try:
            stat = Path(f"/proc/{pid}/stat").read_text()
        except OSError:
            return False
        return stat.rsplit(")", 1)[-1].split()[:1] not in (["Z"], ["X"])
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def clear(directory: Path) -> None:
    """Remove the snapshots (and unfinished writes) of an earlier server from `directory`,
    creating it if needed; files of other names are left alone."""
    directory.mkdir(parents=True, exist_ok=True)
    for path in directory.iterdir():
        name = path.name
        if _LIVE_NAME.match(name) or _EXITED_NAME.match(name) or _TEMPORARY_NAME.match(name):
            path.unlink(missing_ok=True)


def has_snapshots(directory: Path) -> bool:
    """Whether any worker wrote a snapshot there (each writes one as it starts serving)."""
    try:
        return any(
            _LIVE_NAME.match(p.name) or _EXITED_NAME.match(p.name) for p in directory.iterdir()
        )
    except OSError:
        return False


class Spool:
    """This worker's snapshots in `directory`, and everyone's."""

    def __init__(
        self,
        directory: Path,
        take: Callable[[], Snapshot],
        *,
        interval: float = INTERVAL,
        stale_after: float = STALE_AFTER,
    ) -> None:
        self.directory = Path(directory)
        self.take = take
        self.interval = interval
        self.stale_after = stale_after
        self.pid = os.getpid()
        self.path = self.directory / f"{self.pid}.json"
        self._temporary = self.directory / f".{self.pid}.json.tmp"
        self._lock = threading.Lock()  # one write at a time, each with a fresh snapshot
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._warned = False

    # -- this worker -------------------------------------------------------------------------

    def start(self) -> None:
        """Keep an exited worker's snapshot of the same pid, write the first snapshot, then
        write one every `interval` seconds."""
        self.directory.mkdir(parents=True, exist_ok=True)
        if self.path.exists():
            os.replace(self.path, self.directory / f"{self.pid}.{time.time_ns()}.exited.json")
        self.write()
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name="metrics-spool", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        """Stop the periodic writes and write the last snapshot (nothing if never started:
        a worker whose startup failed served nothing and leaves no snapshot)."""
        if self._thread is None:
            return
        self._stop.set()
        self._thread.join(timeout=5)
        self._thread = None
        self._write_quietly()

    def write(self) -> Snapshot:
        """Take a snapshot and replace this worker's file with it (atomically: readers see
        the old snapshot or the new one). Taken under the lock, so a later write never holds
        older figures than an earlier one."""
        with self._lock:
            snapshot = self.take()
            self._temporary.write_bytes(msgspec.json.encode(snapshot))
            os.replace(self._temporary, self.path)
        return snapshot

    def _write_quietly(self) -> Snapshot | None:
        try:
            return self.write()
        except Exception:  # a full disk or a removed directory must not stop the worker
            if not self._warned:
                log.warning("cannot write metrics snapshot to %s", self.path, exc_info=True)
                self._warned = True
            return None

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            self._write_quietly()

    # -- every worker ------------------------------------------------------------------------

    def gather(self, *, write: bool = True) -> list[tuple[Snapshot, bool]]:
        """(snapshot, live) of every worker: this one's fresh (written to the spool first when
        `write`, so what a scrape reported stays counted if this worker dies next), the
        others' as last written."""
        own = (self._write_quietly() if write else None) or self.take()
        return [(own, True), *self.others()]

    def others(self) -> list[tuple[Snapshot, bool]]:
        """(snapshot, live) of every other worker, as last written (exited ones included)."""
        gathered: list[tuple[Snapshot, bool]] = []
        now = time.time()
        try:
            entries = list(self.directory.iterdir())
        except OSError:
            entries = []
        for path in entries:
            name = path.name
            live_name = _LIVE_NAME.match(name)
            if path == self.path or not (live_name or _EXITED_NAME.match(name)):
                continue
            try:
                snapshot = msgspec.json.decode(path.read_bytes(), type=Snapshot)
            except (OSError, msgspec.DecodeError):  # just removed, or not a snapshot
                continue
            live = (
                live_name is not None
                and now - snapshot.written_at <= self.stale_after
                and process_alive(snapshot.pid)
            )
            gathered.append((snapshot, live))
        return gathered
