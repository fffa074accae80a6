"""`/movies/{movie_id}/similar` and `/streaming/titles/{title_id}/similar`."""

from __future__ import annotations

from typing import Annotated, Any

from litestar import Controller, get
from litestar.di import NamedDependency
from litestar.openapi.spec import Example
from litestar.params import Parameter
from litestar.types import Scope

from api import document_store, lookup
from api.db import MAY_RUN_LONG, Warehouse
from api.dispatch import point_lookup
from api.docs import id_parameter, name_parameter, responses
from api.similar import examples, service
from api.similar.schemas import SimilarFilms, SimilarTitles
from api.streaming.parameters import platform_parameter, year_parameter

LIMIT_PARAMETER = Parameter(
    ge=1,
    le=service.MAX_SUGGESTIONS,
    description=f"Suggestions, 1 to {service.MAX_SUGGESTIONS}, most similar first.",
)
Limit = Annotated[int, LIMIT_PARAMETER]
YearFrom = Annotated[int | None, year_parameter("Released in or after (inclusive).", 1990)]
YearTo = Annotated[int | None, year_parameter("Released in or before (inclusive).", 2010)]


def exclude_parameter(what: str, pattern: str, max_length: int, example: str) -> Any:
    """`exclude`: ids separated by commas. The document's pattern is what the service accepts;
    the request is checked against the looser NAME_PATTERN here and by the service, whose 400
    says what is wrong (Litestar's would only quote the regex), as `choice_parameter` does."""
    return Parameter(
        description=f"{what} to leave out, separated by commas (at most "
        f"{service.MAX_EXCLUDED}, no spaces).",
        min_length=1,
        max_length=max_length,
        pattern=lookup.NAME_PATTERN,
        schema_extra={"pattern": pattern},
        examples=[Example(value=example)],
    )


FILTERS_DESCRIPTION = (
    " The build keeps the {depth} most similar of each {item}; the filters pick among them, "
    "combine with AND and never re-rank: each item keeps its `score` and, when any filter is "
    "given, its `rank` in the unfiltered list (1 = most similar), so a client sees rank 7 when "
    "ranks 1-6 were filtered out. Fewer than `limit` items (or none) when fewer of the {depth} "
    "pass. Without filters the answer is the top `limit`, without `rank`. {filters} "
    "`year_from` / `year_to`: release years (inclusive; year_from > year_to is a 400)."
)


class SimilarController(Controller):
    path = "/"
    tags = ("similar",)

    @get(
        "/movies/{movie_id:int}/similar",
        cache=True,
        summary="The films most similar to a film, with why, optionally filtered",
        description=(
            "Content similarity (genres, keywords, directors and top-billed cast, companies, "
            "collection, language, decade; `score` in [0, 1]), most similar first. `shared` "
            "lists what both films have; a film without suggestions has `items` = []."
            + FILTERS_DESCRIPTION.format(
                depth=service.MAX_SUGGESTIONS,
                item="film",
                filters="`genre`: an English name (any case) or an id (GET /genres), as "
                "/discover/movies takes it; `available_on`: a streaming platform the "
                "suggested film is linked to (its `available_on` in GET /movies/{movie_id}); "
                "`exclude`: movie ids (e.g. films already seen).",
            )
        ),
        responses=responses(
            SimilarFilms,
            examples.SIMILAR_FILMS,
            summary="GET /movies/862/similar?limit=1",
            not_found=("No film matches 'id 99999999'.", []),
            invalid="year_from (2010) is greater than year_to (1990).",
            not_built="similar films",
        ),
    )
    @point_lookup
    def similar_movies(
        self,
        scope: Scope,
        warehouse: NamedDependency[Warehouse],
        movie_id: Annotated[int, id_parameter("TMDB movie id.", 862, 389)],
        limit: Limit = service.DEFAULT_SUGGESTIONS,
        genre: Annotated[str | None, name_parameter("Genre name or id.", "Animation", "16")] = None,
        available_on: Annotated[str | None, platform_parameter("disney", "Netflix")] = None,
        year_from: YearFrom = None,
        year_to: YearTo = None,
        exclude: Annotated[
            str | None,
            exclude_parameter(
                "Movie ids",
                service.MOVIE_IDS_PATTERN,
                service.MOVIE_IDS_MAX_CHARS,
                "863,10193",
            ),
        ] = None,
    ) -> SimilarFilms:
        filters = service.Filters(
            genre=genre,
            available_on=available_on,
            year_from=year_from,
            year_to=year_to,
            exclude=exclude,
        )
        if limit == service.DEFAULT_SUGGESTIONS and not filters.given():
            document = document_store.find(warehouse, "similar_films", movie_id)
            if document is not None:
                return document_store.respond(scope, document)  # type: ignore[return-value]
        return service.similar_films(warehouse, movie_id, limit, filters)

    @get(
        "/streaming/titles/{title_id:str}/similar",
        sync_to_thread=MAY_RUN_LONG,
        cache=True,
        summary="The streaming titles most similar to a title, on any platform, with why, "
        "optionally filtered",
        description=(
            "Content similarity (genres, cast, directors, countries, title and description "
            "words, type, decade; `score` in [0, 1]), most similar first, with each "
            "suggestion's platform. A title without suggestions has `items` = []."
            + FILTERS_DESCRIPTION.format(
                depth=service.MAX_SUGGESTIONS,
                item="title",
                filters="`genre`: a genre of the catalogues' listed_in (any case, e.g. "
                "`comedies`, `action-adventure`; an unknown one is a 400 naming them); "
                "`platform`: the suggested title's platform (`available_on`, the films "
                "route's name, is the same filter); `exclude`: title ids.",
            )
        ),
        responses=responses(
            SimilarTitles,
            examples.SIMILAR_TITLES,
            summary="GET /streaming/titles/ds1378/similar?limit=1",
            not_found=("No streaming title matches 'id xs1'.", []),
            invalid="year_from (2010) is greater than year_to (1990).",
            not_built="similar streaming titles",
        ),
    )
    def similar_streaming_titles(
        self,
        warehouse: NamedDependency[Warehouse],
        title_id: Annotated[
            str, name_parameter("Streaming title id (`as`, `ds`, `hs`, `ns` + show id).", "ds1378")
        ],
        limit: Limit = service.DEFAULT_SUGGESTIONS,
        genre: Annotated[
            str | None, name_parameter("A listed_in genre (any case).", "comedies")
        ] = None,
        platform: Annotated[str | None, platform_parameter("netflix", "Disney+")] = None,
        available_on: Annotated[str | None, platform_parameter("netflix")] = None,
        year_from: YearFrom = None,
        year_to: YearTo = None,
        exclude: Annotated[
            str | None,
            exclude_parameter(
                "Title ids",
                service.TITLE_IDS_PATTERN,
                service.TITLE_IDS_MAX_CHARS,
                "ds1379,ds1380",
            ),
        ] = None,
    ) -> SimilarTitles:
        filters = service.Filters(
            genre=genre,
            platform=platform,
            available_on=available_on,
            year_from=year_from,
            year_to=year_to,
            exclude=exclude,
        )
        return service.similar_titles(warehouse, title_id, limit, filters)
