"""Static pages that separate commands generate beside the live build (dbt docs, EDA report).

The API only serves such a file: it needs neither dbt nor matplotlib, and a page read per
request (never from the answer cache) shows a regeneration at once. Until the command has been
run, the route answers 404 problem details naming it.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from litestar.openapi.datastructures import ResponseSpec
from litestar.openapi.spec import Example
from litestar.response import File

from api.problems import NOT_GENERATED, PROBLEM_MEDIA_TYPE, NotGenerated, Problem

if TYPE_CHECKING:
    from api.db import Warehouse


def page_path(warehouse: Warehouse, relative: Path) -> Path:
    """`relative` beside the live path the API follows (`build/<relative>` by default)."""
    return Path(warehouse.path).parent / relative


def serve_page(
    warehouse: Warehouse, relative: Path, what: str, command: str, filename: str
) -> File:
    """The generated page as inline HTML; 404 problem details naming `command` until then."""
    page = page_path(warehouse, relative)
    if not page.is_file():
        raise NotGenerated(what, command)
    return File(page, filename=filename, media_type="text/html",
                content_disposition_type="inline")


def page_responses(what: str, command: str, page: str, example_html: str) -> dict[int, Any]:
    """OpenAPI: 200 text/html with an abridged example page, 404 when not generated."""
    return {
        200: ResponseSpec(
            data_container=str,
            description=page,
            media_type="text/html",
            generate_examples=False,
            examples=[Example(summary="The page (abridged)", value=example_html)],
        ),
        404: ResponseSpec(
            data_container=Problem,
            description=f"The {what} has not been generated (RFC 9457 problem details)",
            media_type=PROBLEM_MEDIA_TYPE,
            generate_examples=False,
            examples=[Example(summary="Not generated", value={
                "type": NOT_GENERATED,
                "title": "Not generated",
                "status": 404,
                "detail": NotGenerated(what, command).detail,
            })],
        ),
    }
