"""Films by title and by id."""

from __future__ import annotations

from api import lookup
from api.catalog.movies import queries
from api.catalog.movies.schemas import (
    CastMember,
    Collection,
    Company,
    Country,
    Genre,
    Language,
    MovieDetails,
    MovieDetailsRow,
    MovieFacts,
    MovieItem,
    MoviePage,
    Person,
    StreamingAvailability,
)
from api.db import Warehouse
from api.problems import UnknownName
from api.search import service as search


def films_by_title(warehouse: Warehouse, key: str) -> list[MovieItem]:
    """Films whose title key is `key`, most popular first (the view's title_rank)."""
    return warehouse.fetch_structs(
        queries.FILMS_BY_TITLE, {"key": key}, MovieItem, rank="title_rank"
    )


def _respelled(warehouse: Warehouse, title: str, key: str) -> list[MovieItem]:
    """The films of the first title `title` spells once punctuation is ignored
    (`wall e` -> WALL·E), when its own key names none."""
    for label in search.respellings(warehouse, title, "movie", lookup.TITLES):
        films = films_by_title(warehouse, lookup.name_key(label))
        if films:
            return films
    return []


def film_by_title(warehouse: Warehouse, title: str) -> tuple[MovieItem, list[MovieItem]]:
    """The most popular film titled `title` and the others with that title, most popular
    first (punctuation ignored when the exact title names none); 404 with suggestions (search
    hits, then close titles) if none."""
    key = lookup.clean_argument(title, "title")
    films = films_by_title(warehouse, key) or _respelled(warehouse, title, key)
    if not films:
        raise UnknownName(
            "film titled", title, search.suggestions(warehouse, title, key, "movie", lookup.TITLES)
        )
    return films[0], films[1:]


def _searched(warehouse: Warehouse, title: str) -> list[MovieItem]:
    """The films search ranks first for `title` (at most FUZZY_MAX_FILMS), in its order."""
    text = title[: search.MAX_QUERY_CHARS]  # a title may be longer than a search text
    found = search.search_movies(warehouse, text, None, queries.FUZZY_MAX_FILMS, 0).items
    ids = [hit.movie_id for hit in found]
    if not ids:
        return []
    by_id = {
        film.movie_id: film
        for film in warehouse.fetch_structs(queries.FILMS_BY_ID, {"ids": ids}, MovieItem)
    }
    return [by_id[movie_id] for movie_id in ids if movie_id in by_id]


def search_movies(warehouse: Warehouse, title: str, limit: int, offset: int) -> MoviePage:
    """One page of the films titled `title` (punctuation ignored when the exact title names
    none); when none is, the films search finds for it (`hunger games` -> The Hunger Games)."""
    key = lookup.clean_argument(title, "title")
    match = "exact"
    films = films_by_title(warehouse, key) or _respelled(warehouse, title, key)
    if not films:
        match = "fuzzy"
        films = _searched(warehouse, title)
        if not films:
            match = "none"
    return MoviePage(
        items=films[offset : offset + limit],
        limit=limit,
        offset=offset,
        total=len(films),
        match=match,
    )


def movie_details(warehouse: Warehouse, movie_id: int) -> MovieDetails:
    """The film with id `movie_id` and everything attached to it; 404 if none."""
    row = warehouse.fetch_struct(queries.MOVIE_DETAILS, {"movie_id": movie_id}, MovieDetailsRow)
    if row is None:
        raise UnknownName("film", f"id {movie_id}", [])
    facts = {name: getattr(row, name) for name in MovieFacts.__struct_fields__}
    return MovieDetails(
        **facts,
        collection=(
            Collection(collection_id=row.collection_id, name=row.collection_name)
            if row.collection_id is not None
            else None
        ),
        genres=[Genre(**genre) for genre in row.genres],
        companies=[Company(**company) for company in row.companies],
        countries=[Country(**country) for country in row.countries],
        spoken_languages=[Language(**language) for language in row.spoken_languages],
        directors=[Person(**person) for person in row.directors],
        top_cast=[CastMember(**member) for member in row.top_cast],
        available_on=[StreamingAvailability(**title) for title in row.available_on],
    )
