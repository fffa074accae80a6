"""`python -m warehouse watch`: rebuild when a raw file or the feedback store changed since the
live build, so new ratings reach the user model without anyone running a build.

What changed is decided against what the live build recorded (`<build>.inputs.json`,
warehouse/inputs.py, and its `api.feedback_snapshot`):

- a raw file: the registry's file found in the raw directory is another path, or its size or
  modification time differs (or it is missing: the build then fails on it, as a build would);
  the raw directory itself differs from the one the live build read;
- the feedback store: its highest id differs from the live build's watermark
  (`api.feedback_snapshot.watermark`).

A change must hold still for `--quiet-period` seconds before a build starts (a file being
copied, a burst of ratings), at most `QUIET_ROUNDS` quiet periods when ratings keep arriving.
The build runs as `python -m warehouse build` in a child process (one build at a time: it
takes the build lock; when another build holds it, watch waits for the next check). A failed
build leaves the live one serving; its inputs are remembered (`<live>.watch-failed.json`
beside the live path) and not built again until something changes, so a broken raw file costs
one failed build, not one per interval. Ctrl-C or SIGTERM stops watch between checks, and
during a build interrupts the build, which deletes its new file (the live one is untouched).

`--once` checks once and builds at most once (cron, systemd timers, tests); its exit code says
what happened: 0 nothing to do, 3 a new build is live, 1 the build failed (or these inputs
already failed one), 2 watch could not check (no raw directory, bad settings).
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import logging
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import duckdb

from warehouse import feedback_store
from warehouse.inputs import raw_fingerprint, read_inputs
from warehouse.raw import locate_raw_files

log = logging.getLogger("warehouse.watch")

#: --once exit codes.
NOTHING_TO_DO = 0
FAILED = 1
CANNOT_CHECK = 2
BUILT = 3

#: Quiet periods a change may keep moving before it is built anyway (a steady stream of ratings
#: must not postpone every build).
QUIET_ROUNDS = 10


@dataclass(frozen=True)
class Inputs:
    """What a build started now would read."""

    raw_dir: str
    raw_files: dict[str, dict | None]  # name -> fingerprint (path, bytes, mtime_ns), None: missing
    feedback_store: str
    feedback_max_id: int

    def key(self) -> str:
        return json.dumps(
            [self.raw_dir, self.raw_files, self.feedback_store, self.feedback_max_id],
            sort_keys=True,
        )


def current_inputs(raw_dir: Path, feedback_path: Path) -> Inputs:
    directory = raw_dir.expanduser().resolve()
    found = locate_raw_files(directory) if directory.is_dir() else {}
    files = {name: path for name, path in found.items() if path is not None}
    fingerprint: dict[str, dict | None] = {name: None for name in found}
    fingerprint.update(raw_fingerprint(files))
    return Inputs(
        raw_dir=str(directory),
        raw_files=fingerprint,
        feedback_store=str(feedback_path.expanduser().absolute()),
        feedback_max_id=feedback_max_id(feedback_path),
    )


def feedback_max_id(path: Path) -> int:
    """The store's highest id (0: empty or no store). A store being created or locked for a
    moment reads as unchanged rather than failing the check."""
    try:
        with feedback_store.reading(path) as con:
            if con is None:
                return 0
            return con.execute("select coalesce(max(id), 0) from ratings").fetchone()[0]
    except sqlite3.Error as exc:
        log.warning("feedback store %s not readable (%s); counted as empty", path, exc)
        return 0


def live_watermark(build_file: Path) -> int | None:
    """`api.feedback_snapshot.watermark` of a build; None when it has none (older builds)."""
    try:
        con = duckdb.connect(str(build_file), read_only=True)
    except duckdb.Error:
        return None
    try:
        return con.execute("select watermark from api.feedback_snapshot").fetchone()[0]
    except duckdb.Error:
        return None
    finally:
        con.close()


def changes(live_path: Path, now: Inputs) -> list[str]:
    """Why the live build is out of date with `now`, one short reason each; [] when it is not."""
    if not (live_path.is_symlink() or live_path.exists()):
        return ["no live build"]
    build_file = Path(os.path.realpath(live_path))
    recorded = read_inputs(build_file)
    if recorded is None:
        return [f"the live build {build_file.name} records no inputs"]
    reasons = []
    if recorded.get("raw_dir") != now.raw_dir:
        reasons.append(f"raw directory {recorded.get('raw_dir')} -> {now.raw_dir}")
    else:
        before = recorded.get("raw_files", {})
        for name, print_now in sorted(now.raw_files.items()):
            if print_now is None:
                reasons.append(f"{name}: file missing")
            elif before.get(name) != print_now:
                reasons.append(f"{name}: {Path(print_now['path']).name} changed")
    watermark = live_watermark(build_file)
    if watermark is None:
        watermark = recorded.get("feedback", {}).get("watermark", 0)
    if now.feedback_max_id != watermark:
        reasons.append(f"feedback: store at id {now.feedback_max_id}, live build at {watermark}")
    return reasons


def failed_marker(live_path: Path) -> Path:
    return live_path.with_name(live_path.name + ".watch-failed.json")


def failed_inputs(live_path: Path) -> str | None:
    try:
        return json.loads(failed_marker(live_path).read_text())["inputs"]
    except (OSError, ValueError, KeyError):
        return None


def lock_held(live_path: Path) -> bool:
    """Whether a build holds the live path's build lock (warehouse.build.build_lock)."""
    lock_path = live_path.with_name(live_path.name + ".lock")
    if not lock_path.exists():
        return False
    with open(lock_path, "a") as fh:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return True
        fcntl.flock(fh, fcntl.LOCK_UN)
    return False


class Watcher:
    def __init__(
        self,
        live_path: Path,
        raw_dir: Path,
        feedback_path: Path,
        quiet_period: float,
        stop: threading.Event | None = None,
        build_command: Callable[[], list[str]] | None = None,
    ):
        self.live_path = live_path.expanduser().absolute()
        self.raw_dir = raw_dir
        self.feedback_path = feedback_path.expanduser().absolute()
        self.quiet_period = quiet_period
        self.stop = stop or threading.Event()
        self.build_command = build_command or self._build_command
        self.child: subprocess.Popen | None = None

    def _build_command(self) -> list[str]:
        return [
            sys.executable,
            "-m",
            "warehouse",
            "build",
            "--warehouse",
            str(self.live_path),
            "--raw",
            str(self.raw_dir),
        ]

    def inputs(self) -> Inputs:
        return current_inputs(self.raw_dir, self.feedback_path)

    def settle(self, first: Inputs) -> Inputs | None:
        """The inputs once they held still for a quiet period (None: stopped meanwhile)."""
        seen = first
        for _ in range(QUIET_ROUNDS):
            if self.stop.wait(self.quiet_period):
                return None
            again = self.inputs()
            if again == seen:
                return again
            seen = again
        log.info("inputs kept changing for %d quiet periods: building them now", QUIET_ROUNDS)
        return seen

    def check(self) -> int:
        """One check, and a build when one is due: an exit code of --once."""
        if not self.raw_dir.expanduser().is_dir():
            log.error("raw data directory not found: %s", self.raw_dir)
            return CANNOT_CHECK
        now = self.inputs()
        reasons = changes(self.live_path, now)
        if not reasons:
            log.debug("up to date")
            return NOTHING_TO_DO
        if failed_inputs(self.live_path) == now.key():
            log.info(
                "changed since the live build (%s), but these inputs already failed a build "
                "(%s); waiting for another change",
                "; ".join(reasons),
                failed_marker(self.live_path),
            )
            return FAILED
        log.info("changed since the live build: %s", "; ".join(reasons))
        settled = self.settle(now)
        if settled is None:
            return NOTHING_TO_DO
        if not changes(self.live_path, settled):
            return NOTHING_TO_DO  # another build caught up meanwhile
        if lock_held(self.live_path):
            log.info("another build is running; checking again at the next interval")
            return NOTHING_TO_DO
        return self.build(settled)

    def build(self, inputs: Inputs) -> int:
        command = self.build_command()
        env = {**os.environ, "FEEDBACK_PATH": str(self.feedback_path)}
        log.info("building: %s", " ".join(command))
        started = time.monotonic()
        # Its own session: a Ctrl-C in the terminal reaches watch, which interrupts the build
        # once (the build then deletes its new file).
        self.child = subprocess.Popen(command, env=env, start_new_session=True)
        try:
            code = self.child.wait()
        finally:
            self.child = None
        seconds = time.monotonic() - started
        if self.stop.is_set():
            log.info("build interrupted after %.0f s; the live warehouse is unchanged", seconds)
            return FAILED
        if code == 0:
            failed_marker(self.live_path).unlink(missing_ok=True)
            log.info("build finished in %.0f s and is live", seconds)
            return BUILT
        failed_marker(self.live_path).write_text(
            json.dumps({"inputs": inputs.key(), "exit_code": code, "at": time.time()}) + "\n"
        )
        log.error(
            "build failed (exit %d) after %.0f s; the live warehouse is unchanged; these "
            "inputs are not built again until something changes",
            code,
            seconds,
        )
        return FAILED

    def interrupt(self) -> None:
        """Stop: between checks at once, during a build once the build has cleaned up."""
        self.stop.set()
        child = self.child
        if child is not None and child.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                child.send_signal(signal.SIGINT)

    def run(self, interval: float) -> None:
        log.info(
            "watching %s (raw %s, feedback %s) every %.0f s",
            self.live_path,
            self.raw_dir,
            self.feedback_path,
            interval,
        )
        while not self.stop.is_set():
            self.check()
            self.stop.wait(interval)
        log.info("stopped")


def watch(
    live_path: Path,
    raw_dir: Path,
    feedback_path: Path,
    *,
    interval: float,
    quiet_period: float,
    once: bool,
) -> int:
    """The `watch` command: SIGINT and SIGTERM stop it cleanly."""
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s watch: %(message)s", stream=sys.stderr
    )
    watcher = Watcher(live_path, raw_dir, feedback_path, quiet_period)
    previous = {
        sig: signal.signal(sig, lambda *_: watcher.interrupt())
        for sig in (signal.SIGINT, signal.SIGTERM)
    }
    try:
        if once:
            return watcher.check()
        watcher.run(interval)
        return 0
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
