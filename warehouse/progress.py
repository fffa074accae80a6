"""What a build is doing, as it does it: stages, nodes done / total, rows, elapsed, problems.

A full build runs ~700 dbt nodes; a line per node buries the figures a person waits for. This
module keeps the state (fed by dbt's event callbacks, from dbt's worker threads, and by the
build's own steps through `stage()`) and chooses how much of it to print:

- an interactive terminal: a live display (`warehouse/progress_display.py`, rich) that
  redraws in place: each stage with nodes done / total, rows and elapsed, what runs now;
- not a terminal (CI, container logs, a pipe) or TERM=dumb: one line per stage, when it ends;
- `verbose`: those lines and one line per dbt node; `quiet`: none of them.

dbt's nodes are grouped into stages by the folder they live in (seeds, staging,
intermediate, marts, audit, api, report, similarity, recommendations, tests: a generic test
belongs with the yml that declares it); `plan()` gives each stage its total before the first
node runs. Errors and warnings (a failing test, a test that warns, a warning dbt logs) are
printed in every mode as they happen, above the live display; the cause of a failed build is
still the caller's one paragraph on stderr (warehouse/failures.py).

dbt-duckdb reports only "OK" for a model, so every table model has a post-hook
(`report_row_count`) that logs `row_count <model> <n>`; those messages give the rows.
`PHASES` is another split, the benchmark's: node seconds by kind of work (bench/build.py).
"""

from __future__ import annotations

import contextlib
import re
import sys
import threading
import time
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import TextIO

from rich.console import Console
from rich.live import Live
from rich.text import Text

from warehouse.progress_display import live_view, node_line, stage_line

PHASES = ("load", "parse", "marts", "recommenders", "tests")
RECOMMENDER_FOLDERS = ("similarity/", "recommendations/")

#: The order dbt's stages are shown in (a folder not listed here comes after them); the
#: build's own steps are shown in the order they start, before and after dbt's.
DBT_STAGE_ORDER = (
    "seeds", "staging", "intermediate", "marts", "audit", "api", "report", "similarity",
    "recommendations", "tests",
)  # fmt: skip
#: The stage of a node that is not in the plan (or of every node, when there is no plan).
UNPLANNED = "dbt"
#: Node statuses that are neither a failure nor a warning.
OK_STATUSES = ("success", "pass", "no-op")
#: Error or warning events not printed: those that repeat a node's result (reported from
#: NodeFinished) or dbt's end-of-run recap of it; dbt's crash report (the cause is the build's
#: own error paragraph, warehouse/failures.py; the traceback is in the log); the queries
#: dbt cancels after Ctrl-C.
NOT_PRINTED = frozenset(
    {
        "LogTestResult", "LogModelResult", "LogSeedResult", "LogSnapshotResult", "LogNodeResult",
        "LogFreshnessResult", "RunResultWarning", "RunResultFailure", "RunResultError",
        "RunResultErrorNoMessage", "RunResultWarningMessage", "EndOfRunSummary", "StatsLine",
        "GenericExceptionOnRun", "CatchableExceptionOnRun", "InternalErrorOnRun",
        "MainEncounteredError", "MainStackTrace", "LogCancelLine",
    }
)  # fmt: skip
#: Problem lines printed before the rest are only counted (the build log has them all).
MAX_PROBLEM_LINES = 20
ANSI = re.compile(r"\x1b\[[0-9;]*m")


def phase_of(resource_type: str, name: str, path: str = "") -> str:
    """Which bench phase a node belongs to: raw reads, repr parsing, marts, the models that
    train or score recommenders, or tests."""
    if resource_type in ("test", "unit_test"):
        return "tests"
    if name.startswith("base_"):
        return "load"
    if name.startswith("stg_"):
        return "parse"
    if path.startswith(RECOMMENDER_FOLDERS):
        return "recommenders"
    return "marts"


def stage_of(resource_type: str, original_file_path: str) -> str:
    """The stage of a node: seeds, the singular tests, else the first folder under models/
    (a generic or unit test's path is the yml that declares it, beside its model)."""
    if resource_type == "seed":
        return "seeds"
    parts = PurePosixPath(original_file_path).parts
    if "models" in parts[:-1]:
        below = parts[parts.index("models") + 1 :]
        return below[0] if len(below) > 1 else "models"
    return "tests" if resource_type in ("test", "unit_test") else UNPLANNED


@dataclass
class Stage:
    """One line of the display: a step of the build, or the dbt nodes of one folder."""

    name: str
    total: int | None = None  # nodes, for a dbt stage
    done: int = 0
    failed: int = 0
    skipped: int = 0
    rows: int = 0
    started: float | None = None
    finished: float | None = None
    state: str = "pending"  # pending | running | done | failed
    detail: str = ""

    @property
    def is_dbt(self) -> bool:
        return self.total is not None

    def seconds(self, now: float) -> float:
        if self.started is None:
            return 0.0
        return (self.finished or now) - self.started


@dataclass
class BuildProgress:
    out: TextIO | None = None  # None: sys.stdout at the time of writing
    quiet: bool = False
    verbose: bool = False
    console: Console | None = None  # where the live display draws (tests pass a fake one)
    row_counts: dict[str, int] = field(default_factory=dict)
    phase_seconds: dict[str, float] = field(default_factory=lambda: defaultdict(float))
    failures: list[str] = field(default_factory=list)
    #: the whole message of each failure, where the cause is (disk full, not UTF-8, …)
    failure_details: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    stages: dict[str, Stage] = field(default_factory=dict)
    nodes_done: int = 0
    nodes_total: int | None = None
    first_node_at: float | None = None
    started_at: float = field(default_factory=time.perf_counter)

    def __post_init__(self) -> None:
        self._lock = threading.RLock()
        self._stage_of_node: dict[str, str] = {}
        self._running: dict[str, tuple[str, float]] = {}  # unique_id -> (name, started)
        self._problems_printed = 0
        self._seen_problems: set[str] = set()
        self._live: Live | None = None
        if self.console is None:
            self.console = Console(file=self.out) if self.out is not None else Console()
        self.mode = self._choose_mode()

    # -- which output ---------------------------------------------------------------------

    def _choose_mode(self) -> str:
        """quiet | verbose | live (a terminal that can redraw) | stages (one line each)."""
        if self.quiet:
            return "quiet"
        if self.verbose:
            return "verbose"
        if self.console.is_terminal and not self.console.is_dumb_terminal:
            return "live"
        return "stages"

    @contextlib.contextmanager
    def showing(self) -> Iterator[BuildProgress]:
        """Run the live display for the duration of the block (in live mode only). On any
        exit, Ctrl-C included, it stops and leaves its last frame and the cursor back."""
        if self.mode != "live":
            yield self
            return
        with Live(self, console=self.console, refresh_per_second=4) as live:
            self._live = live
            try:
                yield self
            finally:
                self._live = None

    def __rich__(self):
        """The live display's frame, drawn by rich's refresh thread."""
        with self._lock:
            running = [(name, started) for name, started in self._running.values()]
            return live_view(
                self._ordered_stages(),
                nodes_done=self.nodes_done,
                nodes_total=self.nodes_total,
                rows=sum(stage.rows for stage in self.stages.values()),
                running=running if self._live is not None else [],
                now=time.perf_counter(),
                started=self.started_at,
            )

    def _write(self, lines: list[tuple[str, str]]) -> None:
        """Print (line, style) pairs: above the live display while it runs, else plainly.
        Never called holding `_lock`: rich's refresh thread takes its own lock, then ours."""
        for line, style in lines:
            if self._live is not None:
                self.console.print(Text(line, style=style))
            else:
                out = self.out or sys.stdout
                out.write(f"{line}\n")
                out.flush()

    # -- the build's own steps ------------------------------------------------------------

    @contextlib.contextmanager
    def stage(self, name: str) -> Iterator[Stage]:
        """A step of the build outside dbt's nodes (raw files, pages, publish gate, swap):
        shown running during the block, then done (or failed, when the block raises); the
        block may set the stage's `detail`."""
        with self._lock:
            step = self._stage(name)
            step.state, step.started = "running", time.perf_counter()
        try:
            yield step
        except BaseException as exc:
            with self._lock:
                step.state, step.finished = "failed", time.perf_counter()
                interrupted = isinstance(exc, KeyboardInterrupt)
                lines = [] if interrupted else self._stage_ended(step)
            self._write(lines)
            raise
        with self._lock:
            step.state, step.finished = "done", time.perf_counter()
            lines = self._stage_ended(step)
        self._write(lines)

    def plan(self, nodes: Iterable[tuple[str, str, str]]) -> None:
        """The nodes `dbt build` is about to run: (unique_id, resource_type,
        original_file_path) each. Gives every stage its total, so it can tell when it ends."""
        totals: dict[str, int] = defaultdict(int)
        with self._lock:
            for unique_id, resource_type, path in nodes:
                name = stage_of(resource_type, path)
                self._stage_of_node[unique_id] = name
                totals[name] += 1
            order = {name: i for i, name in enumerate(DBT_STAGE_ORDER)}
            for name in sorted(totals, key=lambda name: order.get(name, len(order))):
                self._stage(name).total = totals[name]
            self.nodes_total = len(self._stage_of_node)

    def note(self, line: str) -> None:
        """A line of the build's own (outside dbt), printed with the node lines."""
        if self.mode == "verbose":
            self._write([(line, "")])

    @property
    def startup_seconds(self) -> float:
        """dbt's fixed cost: parsing the project and opening the database before any node."""
        if self.first_node_at is None:
            return 0.0
        return self.first_node_at - self.started_at

    # -- dbt's events ---------------------------------------------------------------------

    def __call__(self, event) -> None:
        name = event.info.name
        if name in ("JinjaLogDebug", "JinjaLogInfo"):
            parts = event.data.msg.split()
            if len(parts) == 3 and parts[0] == "row_count":
                with self._lock:
                    self.row_counts[parts[1]] = int(parts[2])
        elif name == "NodeStart":
            self._node_started(event.data.node_info)
        elif name == "NodeFinished":
            self._node_finished(event.data)
        elif name == "LogStartLine" and not self._stage_of_node:
            self._unplanned_total(int(event.data.total))
        elif name == "CommandCompleted":
            self._dbt_finished()
        elif event.info.level in ("warn", "error") and name not in NOT_PRINTED:
            kind = "warning" if event.info.level == "warn" else "error"
            self._problem(kind, f"dbt: {_first_line(event.info.msg)}")

    def _node_started(self, info) -> None:
        with self._lock:
            now = time.perf_counter()
            if self.first_node_at is None:
                self.first_node_at = now
            self._running[info.unique_id] = (info.node_name, now)
            stage = self._stage(self._stage_of_node.get(info.unique_id, UNPLANNED))
            if stage.started is None:
                stage.started, stage.state = now, "running"

    def _node_finished(self, data) -> None:
        info, result = data.node_info, data.run_result
        status = result.status
        seconds = float(result.execution_time or 0.0)
        label = f"{info.resource_type} {info.node_name}"
        lines: list[tuple[str, str]] = []
        with self._lock:
            self._running.pop(info.unique_id, None)
            self.phase_seconds[phase_of(info.resource_type, info.node_name, info.node_path)] += (
                seconds
            )
            self.nodes_done += 1
            stage = self._stage(self._stage_of_node.get(info.unique_id, UNPLANNED))
            stage.done += 1
            rows = self.row_counts.get(info.node_name) if info.resource_type == "model" else None
            stage.rows += rows or 0
            if status == "skipped":
                stage.skipped += 1
            elif status not in OK_STATUSES and status != "warn":
                stage.failed += 1
            if self.mode == "verbose":
                line = node_line(self.nodes_done, self.nodes_total, label, status, seconds, rows)
                lines.append((line, ""))
            if stage.total and stage.done >= stage.total:
                stage.finished = time.perf_counter()
                stage.state = "failed" if stage.failed else "done"
                lines += self._stage_ended(stage)
        self._write(lines)
        if status == "warn":
            message = _first_line(result.message or "warn")
            self.warnings.append(f"{label}: {message}")
            self._problem("warning", f"{label}: {message}")
        elif status not in OK_STATUSES and status != "skipped":
            message = (result.message or status).strip()
            lines = [line.strip() for line in message.splitlines() if line.strip()]
            # "Runtime Error in model X (path)" names the node again; the next line is why.
            if len(lines) > 1 and lines[0].startswith(("Runtime Error in", "Compilation Error in")):
                lines = lines[1:]
            self.failures.append(f"{label}: {lines[0] if lines else status}")
            self.failure_details.append(message)
            self._problem("error", self.failures[-1])

    def _unplanned_total(self, total: int) -> None:
        """No plan (the project did not parse for it): dbt's own count, one stage for all."""
        with self._lock:
            self.nodes_total = total
            if UNPLANNED in self.stages:
                self.stages[UNPLANNED].total = total

    def _dbt_finished(self) -> None:
        """dbt is done: a stage that saw nodes but not its planned total (a failure upstream
        stopped dbt, the plan differed) still gets its line."""
        lines: list[tuple[str, str]] = []
        with self._lock:
            self._running.clear()
            for stage in self._ordered_stages():
                if stage.is_dbt and stage.state == "running":
                    stage.finished = time.perf_counter()
                    stage.state = "failed" if stage.failed or stage.done < stage.total else "done"
                    lines += self._stage_ended(stage)
        self._write(lines)

    # -- helpers --------------------------------------------------------------------------

    def _stage(self, name: str) -> Stage:
        if name not in self.stages:
            # the unplanned stage counts nodes; its total is dbt's own count when there is no plan
            unplanned = 0 if self._stage_of_node else (self.nodes_total or 0)
            self.stages[name] = Stage(name, total=unplanned if name == UNPLANNED else None)
        return self.stages[name]

    def _ordered_stages(self) -> list[Stage]:
        """Stages in the order they were made: the steps as they start, dbt's at `plan()`."""
        return list(self.stages.values())

    def _stage_ended(self, stage: Stage) -> list[tuple[str, str]]:
        if self.mode not in ("stages", "verbose"):
            return []
        line = stage_line(stage, time.perf_counter() - self.started_at)
        return [(line, "red" if stage.state == "failed" else "")]

    def _problem(self, kind: str, text: str) -> None:
        """An error or warning: printed in every mode, up to MAX_PROBLEM_LINES, once each."""
        with self._lock:
            if text in self._seen_problems:
                return
            self._seen_problems.add(text)
            self._problems_printed += 1
            count = self._problems_printed
        if count <= MAX_PROBLEM_LINES:
            self._write([(f"{kind}: {text}", "bold red" if kind == "error" else "yellow")])
        elif count == MAX_PROBLEM_LINES + 1:
            self._write([("… more errors and warnings: see the build log", "bold")])


def _first_line(message: str) -> str:
    """The first line of a message that says something (not "Encountered an error:")."""
    lines = [line.strip() for line in ANSI.sub("", message).splitlines() if line.strip()]
    while len(lines) > 1 and lines[0].endswith(":"):
        lines = lines[1:]
    return lines[0][:300] if lines else message.strip()
