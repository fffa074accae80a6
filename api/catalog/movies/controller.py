"""`/movies`: films by title and by id."""

from __future__ import annotations

from typing import Annotated

from litestar import Controller, get
from litestar.di import NamedDependency
from litestar.params import Parameter
from litestar.types import Scope

from api import document_store
from api.catalog.movies import examples, service
from api.catalog.movies.schemas import MovieDetails, MoviePage
from api.db import Warehouse
from api.dispatch import point_lookup
from api.docs import id_parameter, name_parameter, responses


class MoviesController(Controller):
    path = "/movies"
    tags = ("movies",)

    @get(
        "/",
        cache=True,
        summary="Films by title",
        description=(
            "Films whose title key (lower-case, no accents, single spaces) equals the "
            "argument's, most popular first; when none does, the titles it spells with "
            "punctuation ignored (`wall e`). Otherwise the first 20 films `/search/movies` "
            "finds for it (`hunger games`, `match` = `fuzzy`)."
        ),
        responses=responses(MoviePage, examples.MOVIE_PAGE, summary="GET /movies?title=toy story"),
    )
    @point_lookup
    def search(
        self,
        warehouse: NamedDependency[Warehouse],
        title: Annotated[
            str,
            name_parameter(
                "A film title, any case, with or without accents.", "Toy Story", "12 angry men"
            ),
        ],
        limit: Annotated[int, Parameter(ge=1, le=100, description="Page size.")] = 20,
        offset: Annotated[int, Parameter(ge=0, le=100_000, description="Films skipped.")] = 0,
    ) -> MoviePage:
        return service.search_movies(warehouse, title, limit, offset)

    @get(
        "/{movie_id:int}",
        # No answer cache: every film has its answer in the build's document
        # store (api/document_store.py), as fast as a cached one and never evicted.
        summary="One film with its genres, collection, companies, countries, languages, "
        "directors, top cast and where to watch it",
        description=(
            "`available_on` lists the streaming titles that are this film (same title key, "
            "release year within 1), by platform; empty when none."
        ),
        responses=responses(
            MovieDetails,
            examples.MOVIE_DETAILS,
            summary="GET /movies/862",
            not_found=("No film matches 'id 99999999'.", []),
            invalid="Validation failed for GET /movies/0",
        ),
    )
    @point_lookup
    def details(
        self,
        scope: Scope,
        warehouse: NamedDependency[Warehouse],
        movie_id: Annotated[int, id_parameter("TMDB movie id.", 862, 389)],
    ) -> MovieDetails:
        document = document_store.find(warehouse, "movie", movie_id)
        if document is not None:
            return document_store.respond(scope, document)  # type: ignore[return-value]
        return service.movie_details(warehouse, movie_id)
