"""`/discover/movies`."""

from __future__ import annotations

from typing import Annotated

from litestar import Controller, get
from litestar.di import NamedDependency
from litestar.openapi.spec import Example
from litestar.params import Parameter

from api import lookup
from api.db import Warehouse
from api.discover import examples, service
from api.discover.schemas import DiscoverPage
from api.dispatch import point_lookup
from api.docs import id_parameter, name_parameter, responses
from api.streaming.parameters import MAX_YEAR, MIN_YEAR, platform_parameter

Year = Annotated[
    int | None, Parameter(ge=MIN_YEAR, le=MAX_YEAR, description="Release year bound (inclusive).")
]
# `ge=0` alone is dropped from the document (Litestar writes `minimum` only when truthy), so
# the minimum is also given as schema_extra.
AT_LEAST_ZERO = {"minimum": 0}
Runtime = Annotated[
    int | None,
    Parameter(ge=0, le=100_000, description="Minutes (inclusive).", schema_extra=AT_LEAST_ZERO),
]
Id = Annotated[int | None, id_parameter("Id (films credited / produced / tagged with it).")]


class DiscoverController(Controller):
    path = "/discover"
    tags = ("discover",)

    @get(
        "/movies",
        cache=True,
        summary="Films by any combination of filters, in any order",
        description=(
            "Every filter is optional and they combine with AND. `genre`: an English name "
            "(any case) or an id (GET /genres); `language`: ISO 639-1 original language; "
            "`country`: ISO 3166-1 production country; `company`, `person` (cast or crew), "
            "`keyword`: ids; `available_on`: a streaming platform (films linked to one of "
            "its titles). `sort`: one of " + ", ".join(service.SORTS) + " (missing values "
            "last; ties always by movie_id ascending). The same filter in SQL: "
            "`api.discover_movies`."
        ),
        responses=responses(
            DiscoverPage,
            examples.JAPANESE_ANIMATION,
            summary="GET /discover/movies?genre=animation&language=ja&min_votes=100"
            "&sort=vote_average.desc&limit=3",
            invalid=examples.INVALID,
        ),
    )
    @point_lookup
    def movies(
        self,
        warehouse: NamedDependency[Warehouse],
        genre: Annotated[str | None, name_parameter("Genre name or id.", "Animation", "16")] = None,
        year_from: Year = None,
        year_to: Year = None,
        language: Annotated[
            str | None,
            Parameter(
                description="Original language, ISO 639-1 (any case).",
                min_length=2,
                max_length=2,
                pattern="^[A-Za-z]{2}$",
                examples=[Example(value="ja")],
            ),
        ] = None,
        country: Annotated[
            str | None,
            Parameter(
                description="Production country, ISO 3166-1 alpha-2 (any case).",
                min_length=2,
                max_length=2,
                pattern="^[A-Za-z]{2}$",
                examples=[Example(value="FR")],
            ),
        ] = None,
        company: Id = None,
        person: Id = None,
        keyword: Id = None,
        min_votes: Annotated[
            int | None,
            Parameter(ge=0, le=10**9, description="Votes at least.", schema_extra=AT_LEAST_ZERO),
        ] = None,
        min_vote_average: Annotated[
            float | None,
            Parameter(
                ge=0, le=10, description="Mean vote at least (0-10).", schema_extra=AT_LEAST_ZERO
            ),
        ] = None,
        runtime_min: Runtime = None,
        runtime_max: Runtime = None,
        available_on: Annotated[str | None, platform_parameter("netflix")] = None,
        sort: Annotated[
            str,
            Parameter(
                description="`<key>.<asc|desc>`: " + ", ".join(service.SORTS) + " (any case).",
                min_length=1,
                max_length=40,
                pattern=lookup.NAME_PATTERN,
                # The document lists the sorts; the service's 400 names them.
                schema_extra={"pattern": lookup.spelled_pattern(service.SORTS)},
                examples=[Example(value="vote_average.desc")],
            ),
        ] = service.DEFAULT_SORT,
        limit: Annotated[int, Parameter(ge=1, le=100, description="Page size.")] = 20,
        offset: Annotated[int, Parameter(ge=0, le=100_000, description="Films skipped.")] = 0,
    ) -> DiscoverPage:
        request = service.DiscoverRequest(
            genre=genre,
            year_from=year_from,
            year_to=year_to,
            language=language,
            country=country,
            company=company,
            person=person,
            keyword=keyword,
            min_votes=min_votes,
            min_vote_average=min_vote_average,
            runtime_min=runtime_min,
            runtime_max=runtime_max,
            available_on=available_on,
            sort=sort,
            limit=limit,
            offset=offset,
        )
        return service.discover(warehouse, request)
