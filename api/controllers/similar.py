"""Similar films and similar streaming titles (views `api.film_suggestions`,
`api.streaming_title_suggestions` over the precomputed `similar_movies` and
`streaming_similar_titles`: 20 per item, best first, with the reasons).

A build made with `--skip-recommenders` has neither view; these routes then answer 503
`NotBuilt` instead of failing.
"""

from __future__ import annotations

import logging
from typing import Annotated, Any

import duckdb
from litestar import Controller, get
from litestar.datastructures import State
from litestar.params import Parameter

from api import lookup
from api.db import MAY_RUN_LONG, Params, Warehouse
from api.docs import id_parameter, name_parameter, responses
from api.problems import NotBuilt, UnknownName
from api.schemas import (
    SharedWithFilm,
    SharedWithTitle,
    SimilarFilm,
    SimilarFilms,
    SimilarTitle,
    SimilarTitles,
)

log = logging.getLogger("api")

#: Suggestions kept per item by the build (similar_movies, streaming_similar_titles).
MAX_SUGGESTIONS = 20
DEFAULT_SUGGESTIONS = 5

# One row per suggestion up to the limit; an item without any has one row with rank NULL.
FILM_SUGGESTIONS = """
select
    rank, title, similar_movie_id, similar_title, similar_release_year, score,
    shared_genres, shared_keywords, shared_people, same_collection
from {db}.api.film_suggestions
where movie_id = $movie_id and coalesce(rank, 0) <= $limit
"""

TITLE_SUGGESTIONS = """
select
    rank, title, similar_title_id, similar_title, similar_platform, similar_type,
    similar_release_year, score, shared_genres, shared_people, shared_countries, same_director
from {db}.api.streaming_title_suggestions
where title_id = $title_id and coalesce(rank, 0) <= $limit
"""


def _fetch(warehouse: Warehouse, sql: str, params: Params, what: str) -> list[tuple[Any, ...]]:
    """Rows of `sql`; NotBuilt (503) when the live build has no such view."""
    try:
        return warehouse.fetch_all(sql, params)
    except duckdb.CatalogException as exc:
        log.warning("the live build has no %s: %s", what, exc)
        raise NotBuilt(what) from None


def _ranked(rows: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    """The suggestion rows in rank order (the placeholder row of an item without any left
    out), each still starting with its rank."""
    return sorted((row for row in rows if row[0] is not None), key=lambda row: row[0])


def similar_films(warehouse: Warehouse, movie_id: int, limit: int) -> SimilarFilms:
    rows = _fetch(
        warehouse, FILM_SUGGESTIONS, {"movie_id": movie_id, "limit": limit}, "similar films"
    )
    if not rows:
        raise UnknownName("film", f"id {movie_id}", [])
    items = [
        SimilarFilm(
            movie_id=similar_movie_id,
            title=similar_title,
            release_year=release_year,
            score=score,
            shared=SharedWithFilm(genres=genres, keywords=keywords, people=people),
            same_collection=same_collection,
        )
        for (
            _, _, similar_movie_id, similar_title, release_year, score,
            genres, keywords, people, same_collection,
        ) in _ranked(rows)
    ]  # fmt: skip
    return SimilarFilms(movie_id=movie_id, title=rows[0][1], items=items)


def similar_titles(warehouse: Warehouse, title_id: str, limit: int) -> SimilarTitles:
    key = lookup.clean_argument(title_id, "title id")
    rows = _fetch(
        warehouse,
        TITLE_SUGGESTIONS,
        {"title_id": key, "limit": limit},
        "similar streaming titles",
    )
    if not rows:
        raise UnknownName("streaming title", f"id {title_id}", [])
    items = [
        SimilarTitle(
            title_id=similar_title_id,
            title=similar_title,
            platform=platform,
            type=title_type,
            release_year=release_year,
            score=score,
            shared=SharedWithTitle(genres=genres, people=people, countries=countries),
            same_director=same_director,
        )
        for (
            _, _, similar_title_id, similar_title, platform, title_type, release_year, score,
            genres, people, countries, same_director,
        ) in _ranked(rows)
    ]  # fmt: skip
    return SimilarTitles(title_id=key, title=rows[0][1], items=items)


LIMIT_PARAMETER = Parameter(
    ge=1, le=MAX_SUGGESTIONS, description="Suggestions, 1 to 20, most similar first."
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
            {
                "movie_id": 862,
                "title": "Toy Story",
                "items": [
                    {
                        "movie_id": 863,
                        "title": "Toy Story 2",
                        "release_year": 1999,
                        "score": 0.793002723,
                        "shared": {
                            "genres": ["Animation", "Comedy", "Family"],
                            "keywords": ["friendship", "toy comes to life"],
                            "people": ["John Lasseter", "Tom Hanks"],
                        },
                        "same_collection": True,
                    }
                ],
            },
            summary="GET /movies/862/similar?limit=1",
            not_found=("No film matches 'id 99999999'.", []),
            invalid="Validation failed for GET /movies/862/similar?limit=21",
            not_built="similar films",
        ),
    )
    def similar_movies(
        self,
        state: State,
        movie_id: Annotated[int, id_parameter("TMDB movie id.", 862, 389)],
        limit: Annotated[int, LIMIT_PARAMETER] = DEFAULT_SUGGESTIONS,
    ) -> SimilarFilms:
        return similar_films(state.warehouse, movie_id, limit)

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
            {
                "title_id": "ds1378",
                "title": "toy story",
                "items": [
                    {
                        "title_id": "ds1379",
                        "title": "toy story 2",
                        "platform": "disney",
                        "type": "movie",
                        "release_year": 1999,
                        "score": 0.816873959,
                        "shared": {
                            "genres": ["action-adventure", "animation"],
                            "people": [
                                "don rickles",
                                "jim varney",
                                "john lasseter",
                                "tim allen",
                                "tom hanks",
                            ],
                            "countries": ["united states"],
                        },
                        "same_director": True,
                    }
                ],
            },
            summary="GET /streaming/titles/ds1378/similar?limit=1",
            not_found=("No streaming title matches 'id xs1'.", []),
            invalid="Validation failed for GET /streaming/titles/ds1378/similar?limit=21",
            not_built="similar streaming titles",
        ),
    )
    def similar_streaming_titles(
        self,
        state: State,
        title_id: Annotated[
            str, name_parameter("Streaming title id (`as`, `ds`, `hs`, `ns` + show id).", "ds1378")
        ],
        limit: Annotated[int, LIMIT_PARAMETER] = DEFAULT_SUGGESTIONS,
    ) -> SimilarTitles:
        return similar_titles(state.warehouse, title_id, limit)
