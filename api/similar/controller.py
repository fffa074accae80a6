"""`/movies/{movie_id}/similar` and `/streaming/titles/{title_id}/similar`."""

from __future__ import annotations

from typing import Annotated

from litestar import Controller, get
from litestar.di import NamedDependency
from litestar.params import Parameter

from api.db import MAY_RUN_LONG, Warehouse
from api.docs import id_parameter, name_parameter, responses
from api.similar import examples, service
from api.similar.schemas import SimilarFilms, SimilarTitles

LIMIT_PARAMETER = Parameter(
    ge=1, le=service.MAX_SUGGESTIONS, description="Suggestions, 1 to 20, most similar first."
)


class SimilarController(Controller):
    path = "/"
    tags = ("similar",)

    @get(
        "/movies/{movie_id:int}/similar",
        sync_to_thread=MAY_RUN_LONG,
        cache=True,
        summary="The films most similar to a film, with why",
        description=(
            "Content similarity (genres, keywords, directors and top-billed cast, companies, "
            "collection, language, decade; `score` in [0, 1]), most similar first. `shared` "
            "lists what both films have; a film without suggestions has `items` = []."
        ),
        responses=responses(
            SimilarFilms,
            examples.SIMILAR_FILMS,
            summary="GET /movies/862/similar?limit=1",
            not_found=("No film matches 'id 99999999'.", []),
            invalid="Validation failed for GET /movies/862/similar?limit=21",
            not_built="similar films",
        ),
    )
    def similar_movies(
        self,
        warehouse: NamedDependency[Warehouse],
        movie_id: Annotated[int, id_parameter("TMDB movie id.", 862, 389)],
        limit: Annotated[int, LIMIT_PARAMETER] = service.DEFAULT_SUGGESTIONS,
    ) -> SimilarFilms:
        return service.similar_films(warehouse, movie_id, limit)

    @get(
        "/streaming/titles/{title_id:str}/similar",
        sync_to_thread=MAY_RUN_LONG,
        cache=True,
        summary="The streaming titles most similar to a title, on any platform, with why",
        description=(
            "Content similarity (genres, cast, directors, countries, title and description "
            "words, type, decade; `score` in [0, 1]), most similar first, with each "
            "suggestion's platform. A title without suggestions has `items` = []."
        ),
        responses=responses(
            SimilarTitles,
            examples.SIMILAR_TITLES,
            summary="GET /streaming/titles/ds1378/similar?limit=1",
            not_found=("No streaming title matches 'id xs1'.", []),
            invalid="Validation failed for GET /streaming/titles/ds1378/similar?limit=21",
            not_built="similar streaming titles",
        ),
    )
    def similar_streaming_titles(
        self,
        warehouse: NamedDependency[Warehouse],
        title_id: Annotated[
            str, name_parameter("Streaming title id (`as`, `ds`, `hs`, `ns` + show id).", "ds1378")
        ],
        limit: Annotated[int, LIMIT_PARAMETER] = service.DEFAULT_SUGGESTIONS,
    ) -> SimilarTitles:
        return service.similar_titles(warehouse, title_id, limit)
