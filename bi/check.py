"""`make test-bi`: check a running Superset against the dashboards as code in bi/dashboards/.

1. No duplicates: every database, dataset, chart and dashboard defined in bi/dashboards/
   exists exactly once (the import has already run at least twice by then).
2. The warehouse is registered at the live path, read-only, with external access off.
3. Every dashboard chart's stored query answers 200 with rows (bi.chart_data).
4. SQL Lab reads work; writes, file reads, COPY, ATTACH are refused (bi.sql_lab).
5. A headless-Chromium screenshot of the dashboard shows every chart and is not blank.

    python -m bi.check [--url http://127.0.0.1:8089] [--screenshot build/bi/dashboard.png]

Exit status 1 on any failure.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

import yaml

from bi.chart_data import run_dashboard_charts
from bi.client import SupersetClient, wait_until_up
from bi.screenshot import capture_dashboard
from bi.settings import BI_HOME, DASHBOARDS_DIR, admin_password, admin_username, warehouse_path
from bi.sql_lab import run_sql_lab_checks
from bi.templating import warehouse_uri


def definitions(kind: str) -> list[dict]:
    return [
        yaml.safe_load(path.read_text()) for path in sorted((DASHBOARDS_DIR / kind).rglob("*.yaml"))
    ]


def check_no_duplicates(client: SupersetClient) -> list[str]:
    problems = []
    specs = [
        ("databases", "database", ["database_name"], lambda d: d["database_name"]),
        (
            "datasets",
            "dataset",
            ["schema", "table_name"],
            lambda d: f"{d['schema']}.{d['table_name']}",
        ),
        ("charts", "chart", ["slice_name"], lambda d: d["slice_name"]),
        ("dashboards", "dashboard", ["dashboard_title"], lambda d: d["dashboard_title"]),
    ]
    for kind, resource, columns, key in specs:
        wanted = [key(d) for d in definitions(kind)]
        present = Counter(key(row) for row in client.list_all(resource, columns))
        counts = {name: present[name] for name in wanted}
        wrong = {name: n for name, n in counts.items() if n != 1}
        print(
            f"  {kind}: {len(wanted)} defined, {sum(counts.values())} in Superset"
            + (f"  PROBLEM {wrong}" if wrong else "")
        )
        if wrong:
            problems.append(f"{kind} not exactly once: {wrong}")
    return problems


def check_database(client: SupersetClient) -> tuple[int, list[str]]:
    name = definitions("databases")[0]["database_name"]
    rows = [
        row
        for row in client.list_all("database", ["id", "database_name"])
        if row["database_name"] == name
    ]
    if not rows:
        raise SystemExit(f"test-bi: no database named '{name}' in Superset")
    database_id = rows[0]["id"]
    connection = client.get(f"/api/v1/database/{database_id}/connection")["result"]
    extra = (
        json.loads(connection["extra"])
        if isinstance(connection["extra"], str)
        else connection["extra"]
    )
    connect_args = extra["engine_params"]["connect_args"]
    problems = []
    if connection["sqlalchemy_uri"] != warehouse_uri(warehouse_path()):
        problems.append(f"database URI {connection['sqlalchemy_uri']} is not the live path")
    if connect_args.get("read_only") is not True:
        problems.append("database is not opened read_only")
    if connect_args.get("config", {}).get("enable_external_access") is not False:
        problems.append("database leaves enable_external_access on")
    if connection.get("allow_dml"):
        problems.append("database allows DML in SQL Lab")
    print(
        f"  {connection['sqlalchemy_uri']}  read_only={connect_args.get('read_only')}  "
        f"enable_external_access={connect_args.get('config', {}).get('enable_external_access')}"
        f"  allow_dml={connection.get('allow_dml')}"
    )
    return database_id, problems


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default="http://127.0.0.1:8089")
    parser.add_argument("--screenshot", type=Path, default=BI_HOME / "dashboard.png")
    parser.add_argument("--server-pid", type=int, help="the server's pid: fail if it exits")
    args = parser.parse_args()
    wait_until_up(args.url, server_pid=args.server_pid)
    user, password = admin_username(), admin_password()[0]
    client = SupersetClient(args.url, user, password)
    dashboard = definitions("dashboards")[0]
    problems: list[str] = []

    print("1. objects from bi/dashboards, each exactly once:")
    problems += check_no_duplicates(client)

    print("2. the warehouse database:")
    database_id, database_problems = check_database(client)
    problems += database_problems

    print("3. every chart's stored query (/api/v1/chart/data):")
    charts = run_dashboard_charts(client, dashboard["slug"])
    for chart in charts:
        status = f"PROBLEM {chart.problem}" if chart.problem else "ok"
        print(
            f"  {chart.name:<58} rows {'+'.join(map(str, chart.rows)) or '-':>5}  "
            f"{chart.milliseconds:6.0f} ms  {status}"
        )
        if chart.problem:
            problems.append(f"chart '{chart.name}': {chart.problem}")
    if len(charts) != len(definitions("charts")):
        problems.append(
            f"dashboard has {len(charts)} charts, bi/dashboards defines "
            f"{len(definitions('charts'))}"
        )

    print("4. SQL Lab:")
    for result in run_sql_lab_checks(client, database_id):
        verdict = "ok" if result.passed else "PROBLEM"
        expected = "works" if result.expect_ok else "refused"
        print(f"  {verdict:<7} {expected:<7} {result.sql[:60]:<60} -> {result.message[:110]}")
        if not result.passed:
            problems.append(f"SQL Lab: {result.sql} should be {expected}: {result.message}")

    print("5. dashboard screenshot (headless Chromium):")
    try:
        shot = capture_dashboard(
            args.url, user, password, dashboard["slug"], len(charts), args.screenshot
        )
        print(
            f"  {shot.path}: {shot.width}x{shot.height}, {shot.charts_drawn} charts drawn "
            f"in {shot.seconds_to_draw:.1f} s, {shot.colours} colours, "
            f"{shot.non_white:.1%} non-white, {shot.saturated:.1%} saturated"
        )
        if shot.blank:
            problems.append("the dashboard screenshot looks blank")
    except (TimeoutError, RuntimeError) as error:
        problems.append(f"screenshot: {error}")

    if problems:
        print(f"\ntest-bi FAILED ({len(problems)}):\n  " + "\n  ".join(problems))
        sys.exit(1)
    print(
        f"\ntest-bi passed: {len(charts)} charts with rows, SQL Lab sandboxed, screenshot not blank"
    )


if __name__ == "__main__":
    main()
