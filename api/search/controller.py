"""`/search` and `/search/{movies,people,companies,collections}`."""

from __future__ import annotations

from typing import Annotated, Any

from litestar import Controller, get
from litestar.di import NamedDependency
from litestar.openapi.spec import Example
from litestar.params import Parameter

from api.db import Warehouse
from api.dispatch import point_lookup
from api.docs import responses
from api.lookup import NAME_PATTERN
from api.search import examples, service
from api.search.schemas import AnyHits, CollectionHits, CompanyHits, MovieHits, PersonHits
from api.streaming.parameters import MAX_YEAR, MIN_YEAR

MATCHING = (
    "Matching ignores case, accents and punctuation (`amelie`, `walle` / `wall-e`, "
    "`warner bros`), takes words in any order and partial names (`hunger games`), surnames "
    "alone (`nolan`), typos of one or two letters in longer words (`shawshenk`), and a "
    "film's original title (`la vita e bella`). Ranked by text relevance blended with how "
    "known the item is; `score` is that blend (1 = best possible)."
)


def q_parameter(*values: str) -> Any:
    return Parameter(
        description="The words to search for (1 to 200 characters; the first 16 words count).",
        min_length=1,
        max_length=service.MAX_QUERY_CHARS,
        pattern=NAME_PATTERN,
        examples=[Example(value=value) for value in values],
    )


Limit = Annotated[int, Parameter(ge=1, le=100, description="Page size.")]
Offset = Annotated[
    int,
    Parameter(ge=0, le=service.MAX_DEPTH - 100, description="Items skipped (at most 9,900)."),
]


class SearchController(Controller):
    path = "/search"
    tags = ("search",)

    @get(
        "/",
        cache=True,
        summary="Films, people, companies and collections, one ranked list",
        description=MATCHING,
        responses=responses(
            AnyHits,
            examples.ANY_NOLAN,
            summary="GET /search?q=nolan&limit=3",
            invalid=examples.INVALID,
        ),
    )
    @point_lookup
    def everything(
        self,
        warehouse: NamedDependency[Warehouse],
        q: Annotated[str, q_parameter("nolan", "toy story", "warner bros")],
        limit: Limit = 20,
        offset: Offset = 0,
    ) -> AnyHits:
        return service.search_all(warehouse, q, limit, offset)

    @get(
        "/movies",
        cache=True,
        summary="Films by title or original title",
        description=MATCHING,
        responses=responses(
            MovieHits,
            examples.MOVIES_DARK_KNIGHT,
            summary="GET /search/movies?q=the dark knight&limit=3",
            invalid=examples.INVALID,
        ),
    )
    @point_lookup
    def movies(
        self,
        warehouse: NamedDependency[Warehouse],
        q: Annotated[str, q_parameter("the dark knight", "shawshenk", "la vita e bella")],
        year: Annotated[
            int | None,
            Parameter(ge=MIN_YEAR, le=MAX_YEAR, description="Release year (exact)."),
        ] = None,
        limit: Limit = 20,
        offset: Offset = 0,
    ) -> MovieHits:
        return service.search_movies(warehouse, q, year, limit, offset)

    @get(
        "/people",
        cache=True,
        summary="People (cast and crew) by name or surname",
        description=MATCHING,
        responses=responses(
            PersonHits,
            examples.PEOPLE_DICAPRIO,
            summary="GET /search/people?q=dicaprio&limit=3",
            invalid=examples.INVALID,
        ),
    )
    @point_lookup
    def people(
        self,
        warehouse: NamedDependency[Warehouse],
        q: Annotated[str, q_parameter("dicaprio", "kubrik", "almodovar")],
        limit: Limit = 20,
        offset: Offset = 0,
    ) -> PersonHits:
        return service.search_people(warehouse, q, limit, offset)

    @get(
        "/companies",
        cache=True,
        summary="Production companies by name",
        description=MATCHING,
        responses=responses(
            CompanyHits,
            examples.COMPANIES_WARNER,
            summary="GET /search/companies?q=warner bros&limit=3",
            invalid=examples.INVALID,
        ),
    )
    @point_lookup
    def companies(
        self,
        warehouse: NamedDependency[Warehouse],
        q: Annotated[str, q_parameter("warner bros", "pixar")],
        limit: Limit = 20,
        offset: Offset = 0,
    ) -> CompanyHits:
        return service.search_companies(warehouse, q, limit, offset)

    @get(
        "/collections",
        cache=True,
        summary="Collections (franchises) by name",
        description=MATCHING,
        responses=responses(
            CollectionHits,
            examples.COLLECTIONS_STAR_WARS,
            summary="GET /search/collections?q=star wars&limit=3",
            invalid=examples.INVALID,
        ),
    )
    @point_lookup
    def collections(
        self,
        warehouse: NamedDependency[Warehouse],
        q: Annotated[str, q_parameter("star wars", "harry potter")],
        limit: Limit = 20,
        offset: Offset = 0,
    ) -> CollectionHits:
        return service.search_collections(warehouse, q, limit, offset)
