"""Response body of `/collections`, and the row it is built from."""

from __future__ import annotations

from datetime import date
from typing import Any

import msgspec


class CollectionMovie(msgspec.Struct):
    """A film of the collection (revenue in USD, 0 = unknown)."""

    movie_id: int
    title: str | None
    release_date: date | None
    release_year: int | None
    revenue: int | None


class CollectionFacts(msgspec.Struct):
    """The collection's own columns, declared once for the row and the answer."""

    collection_id: int
    name: str
    films: int
    total_revenue: int


class CollectionDetails(CollectionFacts):
    """A collection with its films in release order (undated last, then movie_id)."""

    movies: list[CollectionMovie]


class CollectionDetailsRow(CollectionFacts):
    """A row of COLLECTION: the films as DuckDB structs (dicts keyed like CollectionMovie)."""

    movies: list[dict[str, Any]]
