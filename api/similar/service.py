"""The precomputed suggestions of a film or a streaming title, best first, with the reasons."""

from __future__ import annotations

import logging
from typing import TypeVar

import duckdb

from api import lookup
from api.db import Params, Warehouse
from api.problems import NotBuilt, UnknownName
from api.similar import queries
from api.similar.schemas import (
    FilmSuggestion,
    SharedWithFilm,
    SharedWithTitle,
    SimilarFilm,
    SimilarFilms,
    SimilarTitle,
    SimilarTitles,
    TitleSuggestion,
)

log = logging.getLogger("api")

#: Suggestions kept per item by the build (similar_movies, streaming_similar_titles).
MAX_SUGGESTIONS = 20
DEFAULT_SUGGESTIONS = 5

Row = TypeVar("Row", FilmSuggestion, TitleSuggestion)


def _fetch(warehouse: Warehouse, sql: str, params: Params, row: type[Row], what: str) -> list[Row]:
    """Rows of `sql`; NotBuilt (503) when the live build has no such view."""
    try:
        return warehouse.fetch_structs(sql, params, row)
    except duckdb.CatalogException as exc:
        log.warning("the live build has no %s: %s", what, exc)
        raise NotBuilt(what) from None


def _ranked(rows: list[Row]) -> list[Row]:
    """The suggestions in rank order, without the placeholder row of an item without any."""
    return sorted((row for row in rows if row.rank is not None), key=lambda row: row.rank)


def similar_films(warehouse: Warehouse, movie_id: int, limit: int) -> SimilarFilms:
    """Up to `limit` films most similar to the film; 404 for an unknown film, 503 on a build
    without the suggestions."""
    rows = _fetch(
        warehouse,
        queries.FILM_SUGGESTIONS,
        {"movie_id": movie_id, "limit": limit},
        FilmSuggestion,
        "similar films",
    )
    if not rows:
        raise UnknownName("film", f"id {movie_id}", [])
    items = [
        SimilarFilm(
            movie_id=row.similar_movie_id,
            title=row.similar_title,
            release_year=row.similar_release_year,
            score=row.score,
            shared=SharedWithFilm(
                genres=row.shared_genres, keywords=row.shared_keywords, people=row.shared_people
            ),
            same_collection=row.same_collection,
        )
        for row in _ranked(rows)
    ]
    return SimilarFilms(movie_id=movie_id, title=rows[0].title, items=items)


def similar_titles(warehouse: Warehouse, title_id: str, limit: int) -> SimilarTitles:
    """Up to `limit` streaming titles (any platform) most similar to the title; 404 for an
    unknown title, 503 on a build without the suggestions."""
    key = lookup.clean_argument(title_id, "title id")
    rows = _fetch(
        warehouse,
        queries.TITLE_SUGGESTIONS,
        {"title_id": key, "limit": limit},
        TitleSuggestion,
        "similar streaming titles",
    )
    if not rows:
        raise UnknownName("streaming title", f"id {title_id}", [])
    items = [
        SimilarTitle(
            title_id=row.similar_title_id,
            title=row.similar_title,
            platform=row.similar_platform,
            type=row.similar_type,
            release_year=row.similar_release_year,
            score=row.score,
            shared=SharedWithTitle(
                genres=row.shared_genres, people=row.shared_people, countries=row.shared_countries
            ),
            same_director=row.same_director,
        )
        for row in _ranked(rows)
    ]
    return SimilarTitles(title_id=key, title=rows[0].title, items=items)
