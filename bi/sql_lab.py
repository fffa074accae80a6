"""SQL Lab against the warehouse: normal reads work, writes and file access are refused.

Opening DuckDB read-only stops writes to the warehouse but not file access: through SQL Lab
a user could read any file the server can (`read_csv('/etc/passwd')`) or write one
(`COPY ... TO`). The registered database therefore also sets `enable_external_access=false`
(it cannot be switched back on from SQL); these checks prove both layers from the outside.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path

from bi.client import SupersetClient


@dataclass
class SqlLabResult:
    sql: str
    expect_ok: bool
    status: int
    message: str

    @property
    def passed(self) -> bool:
        return (self.status == 200) == self.expect_ok


def execute(client: SupersetClient, database_id: int, sql: str) -> tuple[int, str]:
    response = client.request(
        "POST",
        "/api/v1/sqllab/execute/",
        json={
            "database_id": database_id,
            "sql": sql,
            "runAsync": False,
            "schema": None,
            "tab": "bi checks",
            "client_id": None,
        },
    )
    body = response.json()
    if response.status_code == 200:
        return 200, f"{len(body.get('data', []))} row(s): {body.get('data', [])[:1]}"
    errors = body.get("errors") or [{"message": body.get("message", response.text[:300])}]
    return response.status_code, errors[0]["message"].splitlines()[0]


def run_sql_lab_checks(client: SupersetClient, database_id: int) -> list[SqlLabResult]:
    scratch = Path(tempfile.mkdtemp(prefix="bi-sqllab-"))
    copy_target = scratch / "copied.csv"
    cases = [
        ("select count(*) as months from api.films_by_month", True),
        ("select * from read_csv('/etc/passwd')", False),
        (f"COPY (select 1) TO '{copy_target}'", False),
        ("create table main.bi_write_check as select 1 as x", False),
        (f"ATTACH '{scratch / 'other.duckdb'}' AS other", False),
        ("SET enable_external_access = true", False),
    ]
    results = [SqlLabResult(sql, ok, *execute(client, database_id, sql)) for sql, ok in cases]
    if copy_target.exists():
        results.append(SqlLabResult("(COPY left a file behind)", False, 200, str(copy_target)))
    for leftover in scratch.iterdir():
        leftover.unlink()
    scratch.rmdir()
    return results
