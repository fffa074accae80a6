"""`/genres`."""

from __future__ import annotations

from typing import Annotated

from litestar import Controller, Response, get
from litestar.di import NamedDependency

from api import paging
from api.catalog.genres import examples, service
from api.catalog.genres.schemas import GenreFilms
from api.db import Warehouse
from api.dispatch import point_lookup
from api.docs import responses


class GenresController(Controller):
    path = "/genres"
    tags = ("genres",)

    @get(
        "/",
        cache=True,
        summary="Every genre with its films, most films first",
        description=(
            "A plain array, paged by `limit` and `offset`; `X-Total-Count` holds the number "
            "of genres."
        ),
        responses=responses(
            list[GenreFilms],
            examples.GENRES,
            summary="GET /genres (shortened)",
            invalid="Validation failed for GET /genres?limit=0",
        ),
    )
    @point_lookup
    def genres(
        self,
        warehouse: NamedDependency[Warehouse],
        limit: Annotated[int, paging.LIMIT] = paging.MAX_LIMIT,
        offset: Annotated[int, paging.OFFSET] = 0,
    ) -> Response[list[GenreFilms]]:
        return paging.page(service.genres(warehouse), limit, offset)
