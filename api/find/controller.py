"""`/find`."""

from __future__ import annotations

from typing import Annotated

from litestar import Controller, Response, get
from litestar.di import NamedDependency
from litestar.openapi.spec import Example
from litestar.params import Parameter

from api import lookup
from api.catalog.movies.schemas import MovieDetails
from api.db import Warehouse
from api.dispatch import point_lookup
from api.docs import choice_parameter, responses
from api.etags import TaggedResponse
from api.find import examples, service


class FindController(Controller):
    path = "/find"
    tags = ("movies",)

    @get(
        "/{external_id:str}",
        cache=True,
        summary="The film an IMDb or MovieLens id names",
        description=(
            "The answer is the film as `/movies/{movie_id}` gives it (`Content-Location` names "
            "that route). `source` defaults to `imdb` for an id written `tt…` and to "
            "`movielens` for a bare number. 404 when no film has the id, or when links.csv "
            "names a film the catalogue lacks."
        ),
        responses=responses(
            MovieDetails,
            examples.TOY_STORY,
            summary="GET /find/tt0114709",
            not_found=examples.UNKNOWN_ID,
            no_match=examples.NOT_IN_CATALOGUE,
            invalid=service.INVALID_SOURCE,
        ),
    )
    @point_lookup
    def by_external_id(
        self,
        warehouse: NamedDependency[Warehouse],
        external_id: Annotated[
            str,
            Parameter(
                description="IMDb id (`tt0114709`; the `tt` may be left out with "
                "`source=imdb`) or MovieLens id (`1`).",
                min_length=1,
                max_length=lookup.MAX_ARGUMENT_CHARS,
                pattern=lookup.NAME_PATTERN,
                # The document states the form; the service's 400 says it (as choice_parameter).
                schema_extra={"pattern": service.EXTERNAL_ID_PATTERN},
                examples=[Example(value="tt0114709"), Example(value="1")],
            ),
        ],
        source: Annotated[
            str | None,
            choice_parameter(
                "Where the id comes from: `imdb` or `movielens`, any case; omitted = from the "
                "id's form.",
                service.SOURCES,
                "imdb",
                "movielens",
            ),
        ] = None,
    ) -> Response[MovieDetails]:
        film = service.find_movie(warehouse, external_id, source)
        return TaggedResponse(film, headers={"Content-Location": f"/movies/{film.movie_id}"})
