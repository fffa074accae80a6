"""A BI client in its own process: open a warehouse through SQLAlchemy + duckdb-engine the way
the README documents, look at everything a BI tool looks at, and print what it saw as JSON.

A separate process because that is what a BI client is (DuckDB lets many read-only
processes share a file), and because inside the test process the session's own read-only
connections already hold the file with another configuration, which DuckDB refuses to mix
in one process.

    python -m tests.warehouse.sqlalchemy_probe <warehouse.duckdb> <scratch dir>
"""

from __future__ import annotations

import json
import sys
import warnings
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.exc import DBAPIError

CONNECT_ARGS = {"read_only": True, "config": {"enable_external_access": False}}
WRITES = [
    "create table main.written as select 1 as x",
    "insert into main.genres select * from main.genres limit 1",
    "drop view api.films_by_month",
    "create schema scratch",
]


def generic_type(column_type: sa.types.TypeEngine) -> str:
    for generic in (sa.Date, sa.DateTime, sa.Float, sa.Integer, sa.String, sa.Boolean):
        if isinstance(column_type, generic):
            return generic.__name__
    return type(column_type).__name__


def refusal(connection, statement: str) -> str | None:
    """The error a statement raises (first line), or None if it ran; each in its own
    transaction, since a failed statement aborts the one it ran in."""
    try:
        connection.execute(sa.text(statement))
    except DBAPIError as error:
        return str(error.orig).splitlines()[0]
    finally:
        connection.rollback()
    return None


def probe(path: Path, scratch: Path) -> dict:
    engine = sa.create_engine(f"duckdb:///{path}", connect_args=CONNECT_ARGS)
    inspector = sa.inspect(engine)
    report: dict = {
        "schemas": inspector.get_schema_names(),
        "tables": {
            schema: inspector.get_table_names(schema=schema) for schema in ("main", "audit")
        },
        # the api relations: views, and the indexed tables a route looks up by key
        "api_views": inspector.get_view_names(schema="api")
        + inspector.get_table_names(schema="api"),
        "movies_columns": {
            column["name"]: generic_type(column["type"])
            for column in inspector.get_columns("movies", schema="main")
        },
        "views": {},
    }
    with engine.connect() as connection:
        for view in report["api_views"]:
            try:
                result = connection.execute(sa.text(f"select * from api.{view} limit 5"))
                rows = result.fetchall()
                reflected = [c["name"] for c in inspector.get_columns(view, schema="api")]
                report["views"][view] = {
                    "rows": len(rows),
                    "columns_match": list(result.keys()) == reflected,
                }
            except DBAPIError as error:
                report["views"][view] = {"error": str(error.orig).splitlines()[0]}
                connection.rollback()
        report["films_by_month_total"] = connection.execute(
            sa.text("select sum(films) from api.films_by_month")
        ).scalar()
        report["movies"] = connection.execute(sa.text("select count(*) from main.movies")).scalar()
        report["writes"] = {statement: refusal(connection, statement) for statement in WRITES}
        report["files"] = {
            statement: refusal(connection, statement)
            for statement in [
                "select * from read_csv('/etc/passwd')",
                f"copy (select 1 as x) to '{scratch / 'copied.csv'}'",
                f"attach '{scratch / 'other.duckdb'}' as other",
                "set enable_external_access = true",
            ]
        }
        report["still_answers"] = connection.execute(
            sa.text("select count(*) from api.films_by_month")
        ).scalar()
    report["scratch_files"] = sorted(p.name for p in scratch.iterdir())
    engine.dispose()
    return report


if __name__ == "__main__":
    # Nested DuckDB types (lists, structs) reflect as NullType with a warning; their values
    # still come back as Python lists and dicts, which is what a BI client needs.
    warnings.filterwarnings("ignore", message="Did not recognize type")
    print(json.dumps(probe(Path(sys.argv[1]), Path(sys.argv[2])), default=str))
