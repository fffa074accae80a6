"""Live progress of a dbt build: one line per finished node, with the rows a model produced.

dbt-duckdb reports only "OK" for a model, so every table model has a post-hook
(`report_row_count`) that logs `row_count <model> <n>`; this module picks those messages up
from dbt's event stream and prints them on the model's line.
"""

from __future__ import annotations

import sys
import time
from collections import defaultdict
from dataclasses import dataclass, field
from typing import TextIO

PHASES = ("load", "parse", "marts", "recommenders", "tests")
RECOMMENDER_FOLDERS = ("similarity/", "recommendations/")


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


@dataclass
class BuildProgress:
    out: TextIO = sys.stdout
    quiet: bool = False
    row_counts: dict[str, int] = field(default_factory=dict)
    phase_seconds: dict[str, float] = field(default_factory=lambda: defaultdict(float))
    failures: list[str] = field(default_factory=list)
    #: the whole message of each failure, where the cause is (disk full, not UTF-8, …)
    failure_details: list[str] = field(default_factory=list)
    nodes_done: int = 0
    first_node_at: float | None = None
    started_at: float = field(default_factory=time.perf_counter)

    def __call__(self, event) -> None:
        name = event.info.name
        if name in ("JinjaLogDebug", "JinjaLogInfo"):
            parts = event.data.msg.split()
            if len(parts) == 3 and parts[0] == "row_count":
                self.row_counts[parts[1]] = int(parts[2])
        elif name == "NodeStart" and self.first_node_at is None:
            self.first_node_at = time.perf_counter()
        elif name == "NodeFinished":
            self._node_finished(event.data)

    def _node_finished(self, data) -> None:
        info = data.node_info
        result = data.run_result
        resource_type = info.resource_type
        node = info.node_name
        status = result.status
        seconds = float(result.execution_time or 0.0)
        self.phase_seconds[phase_of(resource_type, node, info.node_path)] += seconds
        self.nodes_done += 1
        if status not in ("success", "pass"):
            message = (result.message or status).strip()
            lines = [line.strip() for line in message.splitlines() if line.strip()]
            # "Runtime Error in model X (path)" names the node again; the next line is why.
            if len(lines) > 1 and lines[0].startswith(("Runtime Error in", "Compilation Error in")):
                lines = lines[1:]
            self.failures.append(f"{resource_type} {node}: {lines[0] if lines else status}")
            self.failure_details.append(message)
        if self.quiet:
            return
        rows = self.row_counts.get(node)
        rows_text = f"{rows:>10,} rows" if rows is not None else ""
        label = f"{resource_type} {node}"
        line = f"[{self.nodes_done:>3}] {label:<62.62} {status.upper():<7} {seconds:6.2f}s"
        self.out.write(f"{line} {rows_text}\n")
        self.out.flush()

    def note(self, line: str) -> None:
        """A line of the build's own (outside dbt), printed with the node lines."""
        if not self.quiet:
            self.out.write(f"{line}\n")
            self.out.flush()

    @property
    def startup_seconds(self) -> float:
        """dbt's fixed cost: parsing the project and opening the database before any node."""
        if self.first_node_at is None:
            return 0.0
        return self.first_node_at - self.started_at
