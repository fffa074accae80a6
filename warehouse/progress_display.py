"""How a build's progress looks: the live frame (rich), a stage's line, a node's line.

Kept apart from `warehouse/progress.py`, which decides what happened and when to print: this
module only turns figures into text, so a change of layout touches nothing that counts.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import Group, RenderableType
from rich.progress_bar import ProgressBar
from rich.spinner import Spinner
from rich.table import Table
from rich.text import Text

if TYPE_CHECKING:
    from warehouse.progress import Stage

#: One spinner for every running stage: it animates by its own clock, so it must be kept.
SPINNER = Spinner("dots", style="cyan")
ICONS = {"pending": Text("·", style="dim"), "done": Text("✔", style="green"),
         "failed": Text("✗", style="bold red")}  # fmt: skip
BAR_WIDTH = 24
RUNNING_SHOWN = 3


def clock(seconds: float) -> str:
    """Elapsed time as m:ss (h:mm:ss past an hour)."""
    minutes, secs = divmod(int(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def stage_summary(stage: Stage) -> str:
    """What a stage did, in a few words: nodes, rows, failures, or the step's own detail."""
    if not stage.is_dbt:
        return "failed" if stage.state == "failed" else stage.detail
    complete = stage.done == stage.total or not stage.total  # no total: dbt gave none
    nodes = f"{stage.done} nodes" if complete else f"{stage.done}/{stage.total} nodes"
    parts = [nodes]
    if stage.rows:
        parts.append(f"{stage.rows:,} rows")
    if stage.failed:
        parts.append(f"{stage.failed} failed")
    if stage.skipped:
        parts.append(f"{stage.skipped} skipped")
    return ", ".join(parts)


def stage_line(stage: Stage, at: float) -> str:
    """A stage's one line once it has ended: the time since the build started, its name,
    what it did and how long it took."""
    took = stage.seconds(stage.finished or 0.0)
    return f"[{at:6.1f}s] {stage.name:<16} {stage_summary(stage):<46} {took:6.1f}s"


def node_line(
    index: int, total: int | None, label: str, status: str, seconds: float, rows: int | None
) -> str:
    """A dbt node's line (--verbose): its rank, name, status, time and rows."""
    rank = f"{index:>3}/{total}" if total else f"{index:>3}"
    rows_text = f"{rows:>10,} rows" if rows is not None else ""
    return f"[{rank}] {label:<62.62} {status.upper():<7} {seconds:6.2f}s {rows_text}".rstrip()


def live_view(
    stages: list[Stage],
    *,
    nodes_done: int,
    nodes_total: int | None,
    rows: int,
    running: list[tuple[str, float]],
    now: float,
    started: float,
) -> RenderableType:
    """The live frame: a row per stage (icon, name, bar, nodes and rows or detail, time),
    then the totals and the nodes running now (the slow ones are the recommenders)."""
    table = Table.grid(padding=(0, 1))
    # Only the "what it did" column may give up width (its text is cut with an ellipsis, not
    # wrapped): a narrow terminal or a long detail must not squeeze the names or the times.
    table.add_column(width=1, no_wrap=True)
    table.add_column(min_width=15, no_wrap=True)
    table.add_column(width=BAR_WIDTH, no_wrap=True)
    table.add_column()
    table.add_column(justify="right", min_width=6, no_wrap=True)
    for stage in stages:
        icon = SPINNER if stage.state == "running" else ICONS[stage.state]
        bar: RenderableType = Text("")
        if stage.is_dbt and stage.done:  # a bar at 0 reads as a full one in a copied screen
            bar = ProgressBar(total=max(stage.total, 1), completed=stage.done, width=BAR_WIDTH)
        took = f"{stage.seconds(now):.1f}s" if stage.started is not None else ""
        name_style = "dim" if stage.state == "pending" else "bold"
        did = Text(stage_summary(stage), no_wrap=True, overflow="ellipsis")
        table.add_row(icon, Text(stage.name, style=name_style), bar, did, took)
    total = f"{nodes_done}/{nodes_total}" if nodes_total else f"{nodes_done}"
    footer = Text.assemble(
        (f"{total} nodes", "bold"), " · ", (f"{rows:,} rows", "bold"), " · ",
        (clock(now - started), "bold"), " elapsed",
    )  # fmt: skip
    parts: list[RenderableType] = [table, Text(""), footer]
    if running:
        longest = sorted(running, key=lambda item: item[1])[:RUNNING_SHOWN]
        shown = ", ".join(f"{name} {now - since:.0f}s" for name, since in longest)
        more = f" and {len(running) - RUNNING_SHOWN} more" if len(running) > RUNNING_SHOWN else ""
        parts.append(
            Text(f"running: {shown}{more}", style="dim", overflow="ellipsis", no_wrap=True)
        )
    return Group(*parts)
