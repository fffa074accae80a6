"""The table printed at the end of a build, read back from the new warehouse's audit schema."""

from __future__ import annotations

from pathlib import Path

import duckdb

from warehouse.progress import PHASES, BuildProgress

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
    finally:
        con.close()
    return {"sources": sources, "reasons": reasons, "tables": tables}


def format_summary(summary: dict, progress: BuildProgress, wall_seconds: float) -> str:
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
    phases = "  ".join(f"{p} {progress.phase_seconds.get(p, 0.0):.1f}s" for p in PHASES)
    lines.append(
        f"Wall {wall_seconds:.1f}s (dbt start-up {progress.startup_seconds:.1f}s); "
        f"node time by phase: {phases}"
    )
    return "\n".join(lines)
