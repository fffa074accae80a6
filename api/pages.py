"""Static pages every build carries (dbt docs, EDA report), served for the build being served.

A build writes its pages beside its file before it is published (warehouse.build_pages:
`builds/warehouse-<stamp>.docs.html`, `.report.html`), so the page served is always the one of
the build the API serves: after a rebuild or a rollback, the route follows the swap with the
queries. The API only serves such a file: it needs neither dbt nor matplotlib, and a page read
per request (never from the answer cache) shows a regeneration at once. A build from before
builds carried pages has none: the route answers 404 problem details naming the command that
writes them for the live build.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from litestar.openapi.datastructures import ResponseSpec
from litestar.openapi.spec import Example
from litestar.response import File

from api.problems import NOT_GENERATED, PROBLEM_MEDIA_TYPE, NotGenerated, Problem
from warehouse.build_pages import page_file

if TYPE_CHECKING:
    from api.db import Warehouse


def page_path(warehouse: Warehouse, relative: Path) -> Path:
    """The page of the build being served: `relative`'s first part names which ("report" for
    `report/index.html`, "docs" for `docs/index.html`): `builds/<build>.report.html`, …"""
    handle = warehouse.current  # a property (a method before api/db.py's hardening)
    if callable(handle):
        handle = handle()
    return page_file(handle.target, relative.parts[0])


def serve_page(
    warehouse: Warehouse, relative: Path, what: str, command: str, filename: str
) -> File:
    """The generated page as inline HTML; 404 problem details naming `command` until then."""
    page = page_path(warehouse, relative)
    if not page.is_file():
        raise NotGenerated(what, command)
    return File(page, filename=filename, media_type="text/html", content_disposition_type="inline")


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
            examples=[
                Example(
                    summary="Not generated",
                    value={
                        "type": NOT_GENERATED,
                        "title": "Not generated",
                        "status": 404,
                        "detail": NotGenerated(what, command).detail,
                    },
                )
            ],
        ),
    }
