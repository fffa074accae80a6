"""The precomputed suggestions of a film or a streaming title, best first, with the reasons,
optionally filtered (genre, platform, release years, ids left out)."""

from __future__ import annotations

import logging
import re
from dataclasses import astuple, dataclass
from typing import Any, TypeVar

import duckdb

from api import lookup
from api.catalog.genres import service as genres
from api.db import Params, Warehouse
from api.discover.service import check_order, parse_genre
from api.problems import InvalidArgument, NotBuilt, UnknownName
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
from api.streaming.service import parse_platform

log = logging.getLogger("api")

#: Suggestions kept per item by the build (similar_movies, streaming_similar_titles): the dbt
#: var `similar_depth` of dbt_project.yml (a test holds the two equal).
MAX_SUGGESTIONS = 100
DEFAULT_SUGGESTIONS = 5
#: Ids an `exclude` may list.
MAX_EXCLUDED = 100

# What `exclude` accepts, and the OpenAPI document declares: ids separated by commas, at most
# MAX_EXCLUDED. Movie ids are positive integers (a 10-digit one names no film and leaves
# nothing out); title ids are the platform's initial, `s` and the show number, any case.
_MOVIE_ID = "[1-9][0-9]{0,9}"
_TITLE_ID = "[AaDdHhNn][Ss][0-9]{1,9}"
MOVIE_IDS_PATTERN = f"^{_MOVIE_ID}(?:,{_MOVIE_ID}){{0,{MAX_EXCLUDED - 1}}}$"
TITLE_IDS_PATTERN = f"^{_TITLE_ID}(?:,{_TITLE_ID}){{0,{MAX_EXCLUDED - 1}}}$"
MOVIE_IDS_MAX_CHARS = MAX_EXCLUDED * 11 - 1
TITLE_IDS_MAX_CHARS = MAX_EXCLUDED * 12 - 1

Row = TypeVar("Row", FilmSuggestion, TitleSuggestion)


@dataclass(frozen=True)
class Filters:
    """The filters of a similar route as received (the controller checked their types); all
    None: the unfiltered list. `platform` is the streaming route's name for `available_on`
    (given both, a suggestion must satisfy both)."""

    genre: str | None = None
    available_on: str | None = None
    platform: str | None = None
    year_from: int | None = None
    year_to: int | None = None
    exclude: str | None = None

    def given(self) -> bool:
        return any(value is not None for value in astuple(self))


NO_FILTERS = Filters()


def _fetch(warehouse: Warehouse, sql: str, params: Params, row: type[Row], what: str) -> list[Row]:
    """Rows of `sql`; NotBuilt (503) when the live build has no such view."""
    try:
        return warehouse.fetch_structs(sql, params, row)
    except duckdb.CatalogException as exc:
        log.warning("the live build has no %s: %s", what, exc)
        raise NotBuilt(what) from None


def _ranked(rows: list[Row]) -> list[Row]:
    """The suggestions in rank order, without the row of the item's title (rank NULL)."""
    return sorted((row for row in rows if row.rank is not None), key=lambda row: row.rank)


def _excluded_items(raw: str, pattern: str, what: str) -> list[str]:
    """The ids of an `exclude` (`pattern`: MOVIE_IDS_PATTERN or TITLE_IDS_PATTERN), each once,
    sorted (one cache entry per set); 400 naming the format otherwise."""
    items = raw.split(",")
    if len(items) > MAX_EXCLUDED:
        raise InvalidArgument(f"exclude lists at most {MAX_EXCLUDED} ids; got {len(items)}.")
    if re.fullmatch(pattern, raw) is None:
        shown = raw if len(raw) <= 80 else raw[:77] + "..."
        raise InvalidArgument(
            f"exclude must be {what} separated by commas, without spaces; got {shown!r}."
        )
    return sorted(set(items))


def parse_movie_ids(raw: str) -> list[int]:
    """The movie ids of a films route's `exclude` (`603,604`); 400 otherwise."""
    return sorted(
        int(item) for item in _excluded_items(raw, MOVIE_IDS_PATTERN, "positive movie ids")
    )


def parse_title_ids(raw: str) -> list[str]:
    """The title ids of a streaming route's `exclude` (`ns1,as123`, any case); 400 otherwise."""
    return sorted(
        {
            item.lower()
            for item in _excluded_items(raw, TITLE_IDS_PATTERN, "streaming title ids (ns1, as123)")
        }
    )


def film_genres(warehouse: Warehouse) -> dict[int, str]:
    """Genre id -> name of the genres a films filter may name (those of GET /genres)."""
    return {genre.genre_id: genre.name for genre in genres.genres(warehouse)}


def parse_streaming_genre(warehouse: Warehouse, raw: str) -> str:
    """The listed_in genre a name means (any case); 400 naming the closest and every one."""
    key = lookup.clean_argument(raw, "genre")
    known = [row[0] for row in warehouse.fetch_all(queries.STREAMING_GENRES)]
    for genre in known:
        if lookup.name_key(genre) == key:
            return genre
    closest = lookup.suggest(warehouse, lookup.STREAMING_GENRES, key)
    hint = f" (closest: {', '.join(closest)})" if closest else ""
    raise InvalidArgument(
        f"genre must be a genre of the streaming catalogues, any case{hint}: "
        f"{', '.join(known)}; got {raw!r}."
    )


def _common_params(filters: Filters) -> dict[str, Any]:
    check_order(filters.year_from, filters.year_to, "year_from", "year_to")
    return {
        "available_on": (
            None if filters.available_on is None else parse_platform(filters.available_on)
        ),
        "year_from": filters.year_from,
        "year_to": filters.year_to,
    }


def similar_films(
    warehouse: Warehouse, movie_id: int, limit: int, filters: Filters = NO_FILTERS
) -> SimilarFilms:
    """Up to `limit` films most similar to the film that pass `filters`, in the unfiltered
    list's order (with their rank there when a filter is given); 404 for an unknown film, 400
    for an unknown genre or platform, 503 on a build without the suggestions."""
    params = {
        "movie_id": movie_id,
        "limit": limit,
        **_common_params(filters),
        "genre": (
            None if filters.genre is None else parse_genre(film_genres(warehouse), filters.genre)
        ),
        "exclude": [] if filters.exclude is None else parse_movie_ids(filters.exclude),
    }
    rows = _fetch(warehouse, queries.FILM_SUGGESTIONS, params, FilmSuggestion, "similar films")
    if not rows:
        raise UnknownName("film", f"id {movie_id}", [])
    show_rank = filters.given()
    items = [
        SimilarFilm(
            rank=row.rank if show_rank else None,
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


def similar_titles(
    warehouse: Warehouse, title_id: str, limit: int, filters: Filters = NO_FILTERS
) -> SimilarTitles:
    """Up to `limit` streaming titles (any platform) most similar to the title that pass
    `filters`, in the unfiltered list's order (with their rank there when a filter is given);
    404 for an unknown title, 400 for an unknown genre or platform, 503 on a build without the
    suggestions."""
    key = lookup.clean_argument(title_id, "title id")
    params = {
        "title_id": key,
        "limit": limit,
        **_common_params(filters),
        "platform": None if filters.platform is None else parse_platform(filters.platform),
        "genre": (
            None if filters.genre is None else parse_streaming_genre(warehouse, filters.genre)
        ),
        "exclude": [] if filters.exclude is None else parse_title_ids(filters.exclude),
    }
    rows = _fetch(
        warehouse, queries.TITLE_SUGGESTIONS, params, TitleSuggestion, "similar streaming titles"
    )
    if not rows:
        raise UnknownName("streaming title", f"id {title_id}", [])
    show_rank = filters.given()
    items = [
        SimilarTitle(
            rank=row.rank if show_rank else None,
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
