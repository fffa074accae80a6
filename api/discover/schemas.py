"""Response body of `/discover/movies`."""

from __future__ import annotations

from datetime import date

import msgspec


class DiscoverItem(msgspec.Struct):
    """A film as discover lists it (the columns of `api.discover_movies` it shows)."""

    movie_id: int
    title: str
    release_date: date | None
    release_year: int | None
    popularity: float | None
    vote_count: int | None
    vote_average: float | None
    runtime: int | None
    revenue: int | None


class DiscoverPage(msgspec.Struct):
    total: int
    limit: int
    offset: int
    items: list[DiscoverItem]
