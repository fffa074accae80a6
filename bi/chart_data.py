"""Run every chart of a dashboard through /api/v1/chart/data with its stored query_context.

That is the query the chart itself runs (the front end computed it when the chart was saved
in Explore), so a chart that passes here has data in the dashboard; it is also what reports
and alerts run. Each chart must answer 200 with rows, from its own dataset, not from a cache.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass

from bi.client import SupersetClient


@dataclass
class ChartResult:
    chart_id: int
    name: str
    rows: list[int]
    milliseconds: float
    problem: str = ""


def run_chart(client: SupersetClient, chart_id: int) -> ChartResult:
    chart = client.get(f"/api/v1/chart/{chart_id}")["result"]
    name = chart["slice_name"]
    if not chart.get("query_context"):
        return ChartResult(chart_id, name, [], 0, "no stored query_context")
    query_context = json.loads(chart["query_context"])
    if query_context["datasource"]["id"] != chart["datasource_id"]:
        return ChartResult(
            chart_id,
            name,
            [],
            0,
            f"query_context reads dataset {query_context['datasource']['id']}, "
            f"the chart uses {chart['datasource_id']}",
        )
    started = time.monotonic()
    response = client.request("POST", "/api/v1/chart/data", json=query_context)
    milliseconds = (time.monotonic() - started) * 1000
    if response.status_code != 200:
        return ChartResult(
            chart_id, name, [], milliseconds, f"HTTP {response.status_code}: {response.text[:300]}"
        )
    results = response.json()["result"]
    rows = [result.get("rowcount", 0) for result in results]
    problem = ""
    if not results or min(rows) < 1:
        problem = "no rows"
    elif any(result.get("error") for result in results):
        problem = next(result["error"] for result in results if result.get("error"))
    elif any(result.get("is_cached") for result in results):
        problem = "answered from a cache (a rebuild would not show)"
    return ChartResult(chart_id, name, rows, milliseconds, problem)


def run_dashboard_charts(client: SupersetClient, slug: str) -> list[ChartResult]:
    charts = client.get(f"/api/v1/dashboard/{slug}/charts")["result"]
    return [run_chart(client, chart["id"]) for chart in sorted(charts, key=lambda c: c["id"])]
