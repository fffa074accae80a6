"""The EDA report of a build, a static HTML page computed with SQL: written by every build
beside its file (warehouse.build_pages), and by `python -m warehouse report` for the live
build again (or to `--out`).

The numbers come from the `report.*` views (dbt_project/models/report/), so they are built
and tested with the warehouse and can be checked in one hop; this package only selects from
them (queries.py), draws (plots.py), writes one sentence per plot from the same rows
(takeaways.py), groups them into sections (sections.py) and writes one self-contained page
(html.py). The warehouse is opened read-only, so a report can run beside the API.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from warehouse.build_pages import page_file
from warehouse.report.content import BuildStamp, Report
from warehouse.report.html import render
from warehouse.report.queries import ReportQueries, ReportViewsMissing
from warehouse.report.sections import SECTIONS
from warehouse.report.takeaways import plural

__all__ = [
    "ReportResult",
    "ReportViewsMissing",
    "WarehouseMissing",
    "default_report_dir",
    "generate_report",
]

REPORT_FILE = "index.html"


class WarehouseMissing(FileNotFoundError):
    """The warehouse path names no file."""


@dataclass(frozen=True)
class ReportResult:
    path: Path
    build_file: Path
    sections: int
    figures: int
    tables: int
    bytes: int
    seconds: float


def default_report_dir(warehouse: Path) -> Path:
    """`build/report` for `build/warehouse.duckdb`: a directory beside the live path, for
    `--out`-style callers; a build's own report lives beside its file (`page_file`)."""
    return warehouse.parent / "report"


def generate_report(
    warehouse: Path,
    out_dir: Path | None = None,
    progress: Callable[[str], None] = lambda line: None,
    page: Path | None = None,
) -> ReportResult:
    """Write the report of the build `warehouse` names (a live symlink or a build file) to
    `page`, else `<out_dir>/index.html`, else beside the build file (its `.report.html`, the
    page the API serves for it); return where, and what it holds. Writes to a temporary name
    first and renames, so a reader (the API) never sees half a page."""
    started = time.perf_counter()
    build_file = Path(os.path.realpath(warehouse))
    if not build_file.is_file():
        raise WarehouseMissing(f"no warehouse at {warehouse}")
    if page is None:
        page = out_dir / REPORT_FILE if out_dir else page_file(build_file, "report")
    with ReportQueries(build_file) as queries:
        info = queries.one("build_info") or {}
        stamp = BuildStamp(
            build_file=build_file.name,
            build_started_at=info.get("build_started_at"),
            build_finished_at=info.get("build_finished_at"),
            dbt_version=info.get("dbt_version") or "unknown",
            duckdb_version=info.get("duckdb_version") or "unknown",
            movies=info.get("movies") or 0,
            streaming_titles=info.get("streaming_titles") or 0,
            generated_at=datetime.now(UTC),
        )
        sections = []
        for build_section in SECTIONS:
            section_started = time.perf_counter()
            section = build_section(queries)
            sections.append(section)
            progress(
                f"{section.title:<30} {plural(len(section.figures), 'plot')}, "
                f"{plural(len(section.tables), 'table')} "
                f"({time.perf_counter() - section_started:.1f} s)"
            )
    text = render(Report(stamp=stamp, sections=sections))
    page.parent.mkdir(parents=True, exist_ok=True)
    path = page
    tmp = page.with_name(f".{page.name}.{os.getpid()}.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)
    return ReportResult(
        path=path,
        build_file=build_file,
        sections=len(sections),
        figures=sum(len(s.figures) for s in sections),
        tables=sum(len(s.tables) for s in sections),
        bytes=path.stat().st_size,
        seconds=time.perf_counter() - started,
    )
