"""`/warehouse-docs`: dbt's documentation site (lineage, models, columns, tests) of the build.

`python -m warehouse docs` (or `make docs`) writes it as one self-contained HTML file into
`docs/` beside the live path; the API serves that file (api/pages.py).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from litestar import Controller, Request, get
from litestar.datastructures import State
from litestar.response import File

from api.db import MAY_RUN_LONG
from api.pages import page_responses, serve_page

DOCS_FILE = Path("docs") / "index.html"
DOCS_COMMAND = "make docs"


class WarehouseDocsController(Controller):
    path = "/warehouse-docs"
    tags = ("documentation",)

    @get(
        "/",
        sync_to_thread=MAY_RUN_LONG,
        summary="dbt docs of the warehouse: lineage graph, models, columns and their tests",
        description="The static site `python -m warehouse docs` generates (`make docs`): dbt "
        "docs generate --static, the manifest and the build's catalog inlined.",
        media_type="text/html",
        responses=page_responses(
            "warehouse docs", DOCS_COMMAND,
            "The dbt docs site as one self-contained HTML file",
            '<!doctype html>\n<html lang="en" ng-app="dbt" class="no-flash video-js">\n'
            "<head>\n<title>dbt Docs</title>\n...\n</head>\n<body>\n...\n"
            '<script>...{"metadata": {"dbt_version": "1.11.16", "project_name": '
            '"movie_warehouse", "send_anonymous_usage_stats": false, ...}}...</script>\n'
            "</body>\n</html>\n",
        ),
    )
    def docs(self, request: Request[Any, Any, Any], state: State) -> File:
        return serve_page(state, DOCS_FILE, "warehouse docs", DOCS_COMMAND,
                          "warehouse-docs.html")
