"""`/report`: the static EDA report of the warehouse (plots with a computed takeaway each).

`python -m warehouse report` writes it as one self-contained HTML file (images inline, no
script, no network) into `report/` beside the live path (`build/report/index.html` for
`build/warehouse.duckdb`); the API only serves that file, so it needs neither matplotlib nor
the report's queries (api/pages.py). The page names the build it was made from.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from litestar import Controller, Request, get
from litestar.datastructures import State
from litestar.response import File

from api.db import MAY_RUN_LONG
from api.pages import page_responses, serve_page

REPORT_FILE = Path("report") / "index.html"
REPORT_COMMAND = "python -m warehouse report"

EXAMPLE = (
    '<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
    "<title>The open movie warehouse: EDA report</title>\n</head>\n<body>\n"
    '<p class="stamp" id="build">Build <code>warehouse-20261125T172402209607Z'
    ".duckdb</code>, built 2026-11-25 17:24:03 UTC ...</p>\n"
    '<section id="releases"><h2>Releases</h2>\n<figure id="fig-releases-year">'
    '<img src="data:image/png;base64,..." alt="Films released per year. ...">'
    '<figcaption><p class="takeaway">Releases peak in 2014 with 1,973 films; '
    "...</p></figcaption></figure>\n...\n</body>\n</html>\n"
)


class ReportController(Controller):
    path = "/report"
    tags = ("documentation",)

    @get(
        "/",
        sync_to_thread=MAY_RUN_LONG,
        summary="EDA report: releases, money anomalies, votes, genres, countries, data "
        "quality and streaming catalogues, each plot with a takeaway computed from the data",
        description=f"The static page `{REPORT_COMMAND}` generates from the `report.*` "
        "views of a build; it states which build and when.",
        media_type="text/html",
        responses=page_responses(
            "EDA report", REPORT_COMMAND,
            "The report page: one self-contained HTML file (inline CSS, PNG plots as data "
            "URIs, no script)",
            EXAMPLE,
        ),
    )
    def report(self, request: Request[Any, Any, Any], state: State) -> File:
        return serve_page(state, REPORT_FILE, "EDA report", REPORT_COMMAND, "report.html")
