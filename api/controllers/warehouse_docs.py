"""`/warehouse-docs`: dbt's documentation site (lineage, models, columns, tests) of the build.

`python -m warehouse docs` (or `make docs`) writes it as one self-contained HTML file into
`docs/` beside the live path; the API only serves that file, so the page needs no network and
the API no dbt. The file is read per request (not cached): a regenerated site shows at once.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from litestar import Controller, Request, get
from litestar.datastructures import State
from litestar.openapi.datastructures import ResponseSpec
from litestar.openapi.spec import Example
from litestar.response import File

from api.problems import PROBLEM_MEDIA_TYPE, NotGenerated, Problem

DOCS_FILE = Path("docs") / "index.html"


def docs_page(state: State) -> Path:
    """The docs file of the live path the API follows (`build/docs/index.html` by default)."""
    return Path(state.warehouse.path).parent / DOCS_FILE


class WarehouseDocsController(Controller):
    path = "/warehouse-docs"
    tags = ("documentation",)

    @get(
        "/",
        sync_to_thread=True,
        summary="dbt docs of the warehouse: lineage graph, models, columns and their tests",
        description="The static site `python -m warehouse docs` generates (`make docs`).",
        media_type="text/html",
        responses={
            404: ResponseSpec(
                data_container=Problem,
                description="The docs have not been generated (RFC 9457 problem details)",
                media_type=PROBLEM_MEDIA_TYPE,
                generate_examples=False,
                examples=[Example(summary="Not generated", value={
                    "type": "urn:movie-warehouse:problem:not-generated",
                    "title": "Not generated",
                    "status": 404,
                    "detail": "The warehouse docs have not been generated: run `make docs`.",
                })],
            )
        },
    )
    def docs(self, request: Request[Any, Any, Any], state: State) -> File:
        page = docs_page(state)
        if not page.is_file():
            raise NotGenerated("warehouse docs", "make docs")
        return File(page, filename="warehouse-docs.html", media_type="text/html",
                    content_disposition_type="inline")
