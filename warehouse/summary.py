"""What a build printed at its end, read back from the new warehouse's audit schema.

Two lengths. `format_summary` is what the terminal shows after a build, about 15 lines (the
whole output of a build is kept under 40): build time, rows per table of schema `main`, raw
records kept / quarantined, the publish gate's result, where the build and its log are.
`format_details` is the long form (every source, every rejection reason, node time by
phase), appended to the build's log file; the same figures are in `audit.build_summary`,
`audit.rejected_rows` and `audit.publish_checks` of the build.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from warehouse.progress import PHASES, BuildProgress
from warehouse.publish import gate_verdict

MART_TABLES = (
    "movies",
    "collections",
    "genres",
    "movie_genres",
    "companies",
    "movie_companies",
    "countries",
    "movie_countries",
    "languages",
    "movie_spoken_languages",
    "keywords",
    "movie_keywords",
    "people",
    "movie_cast",
    "movie_crew",
    "directors",
    "ratings",
    "links",
    "streaming_titles",
    "streaming_title_cast",
    "streaming_title_countries",
    "streaming_title_genres",
    "streaming_title_movies",
    "similar_movies",
    "streaming_similar_titles",
    "user_recommendations",
)
#: Columns of the table of rows in the short summary (9 lines for the 26 tables).
TABLE_COLUMNS = 3


def read_summary(database: Path) -> dict:
    con = duckdb.connect(str(database), read_only=True)
    try:
        sources = con.execute(
            "select source, source_file, rows_read, rows_kept, rows_rejected "
            "from audit.build_summary order by source"
        ).fetchall()
        reasons = con.execute(
            "select source, reason, count(*) from audit.rejected_rows "
            "group by all order by source, reason"
        ).fetchall()
        present = {
            row[0]
            for row in con.execute(
                "select table_name from information_schema.tables where table_schema = 'main'"
            ).fetchall()
        }
        tables = {
            name: con.execute(f'select count(*) from main."{name}"').fetchall()[0][0]
            for name in MART_TABLES
            if name in present
        }
        checks = con.execute("select check_name, verdict from audit.publish_checks").fetchall()
    finally:
        con.close()
    return {"sources": sources, "reasons": reasons, "tables": tables, "checks": checks}


def format_summary(summary: dict, progress: BuildProgress, wall_seconds: float) -> str:
    """The short summary: the figures a person waits for, about 15 lines."""
    warnings = len(progress.warnings)
    lines = [
        "",
        f"Built in {wall_seconds:.1f} s: {progress.nodes_done} dbt nodes, "
        f"{warnings} warning{'s' * (warnings != 1)}; "
        f"publish gate: {gate_verdict(summary['checks'])}",
        "Rows in schema main:",
        *_columns([(name, f"{count:,}") for name, count in summary["tables"].items()]),
    ]
    read = sum(row[2] for row in summary["sources"])
    kept = sum(row[3] for row in summary["sources"])
    rejected = sum(row[4] for row in summary["sources"])
    by_source = ", ".join(f"{row[0]} {row[4]:,}" for row in summary["sources"] if row[4])
    lines.append(
        f"Raw records: {read:,} read from {len(summary['sources'])} files, {kept:,} kept, "
        f"{rejected:,} quarantined (audit.rejected_rows says why)"
    )
    lines.append(
        (f"Quarantined by source: {by_source}. " if by_source else "")
        + f"Unexplained rows: {read - kept - rejected}"
    )
    return "\n".join(lines)


def _columns(cells: list[tuple[str, str]], columns: int = TABLE_COLUMNS) -> list[str]:
    """(name, figure) cells laid out down then across, each column as wide as it needs."""
    height = -(-len(cells) // columns)
    chunks = [cells[i : i + height] for i in range(0, len(cells), height)]
    widths = [
        (max(len(name) for name, _ in chunk), max(len(figure) for _, figure in chunk))
        for chunk in chunks
    ]
    lines = []
    for row in range(height):
        parts = [
            f"{chunk[row][0]:<{name_width}} {chunk[row][1]:>{figure_width}}"
            for chunk, (name_width, figure_width) in zip(chunks, widths, strict=True)
            if row < len(chunk)
        ]
        lines.append(("  " + "   ".join(parts)).rstrip())
    return lines


def format_details(summary: dict, progress: BuildProgress, wall_seconds: float) -> str:
    """The long summary, for the build log: every source, rejection reason and table."""
    lines = ["", f"{'Sources':<39}{'read':>8} {'kept':>10} {'rejected':>10}"]
    unexplained = 0
    for source, file_name, read, kept, rejected in summary["sources"]:
        lines.append(f"  {source:<12} {file_name:<24.24}{read:>8,} {kept:>10,} {rejected:>10,}")
        unexplained += read - kept - rejected
    lines.append("Rejected rows by reason")
    for source, reason, count in summary["reasons"]:
        lines.append(f"  {source:<12} {reason:<24} {count:>8,}")
    lines.append(f"Unexplained rows: {unexplained}")
    lines.append("Tables")
    for name, count in summary["tables"].items():
        lines.append(f"  {name:<24} {count:>10,}")
    lines.append(f"Publish gate: {gate_verdict(summary['checks'])}")
    stages = "  ".join(
        f"{stage.name} {stage.seconds(stage.finished or 0.0):.1f}s"
        for stage in progress.stages.values()
        if stage.finished is not None
    )
    lines.append(f"Stages: {stages}")
    phases = "  ".join(f"{p} {progress.phase_seconds.get(p, 0.0):.1f}s" for p in PHASES)
    lines.append(
        f"Wall {wall_seconds:.1f}s (dbt start-up {progress.startup_seconds:.1f}s); "
        f"node time by phase: {phases}"
    )
    return "\n".join(lines)
