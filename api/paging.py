"""List answers: a plain JSON array, one page of it (`limit`, `offset`), the length of the
whole list in the `X-Total-Count` header.

Why a header: `GET /genres` is a plain array by contract, and the other reference lists
(`/languages`, `/countries`) answer the same way, so the total cannot be a body field. The
header describes the body, so the response cache keeps it with the body (api/cache.py
BODY_HEADERS) and a replayed page carries it. The routes' descriptions name it: a 200 that
documents an example (api.docs.responses) is Litestar's additional response, which carries no
headers in the document. The whole list is one cached statement; a page is a slice of it, like
`/movies` pages (api.catalog.movies.service).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TypeVar

from litestar.params import Parameter

from api.etags import TaggedResponse

T = TypeVar("T")

TOTAL_COUNT = "X-Total-Count"
#: Reference lists are bounded by their standards (ISO 639-1: 184 codes, ISO 3166-1: 249),
#: so the default page holds a whole list.
MAX_LIMIT = 500

LIMIT = Parameter(ge=1, le=MAX_LIMIT, description=f"Page size, 1 to {MAX_LIMIT}.")
OFFSET = Parameter(ge=0, le=100_000, description="Items skipped.")


def page(items: Sequence[T], limit: int, offset: int) -> TaggedResponse:
    """The answer of a list route: items `offset` to `offset + limit`, the total in a header
    (tagged like any other answer, api.etags)."""
    content: list[Any] = list(items[offset : offset + limit])
    return TaggedResponse(content, headers={TOTAL_COUNT: str(len(items))})
