"""Response body of `/discover/movies`."""

from __future__ import annotations

import msgspec

from api.catalog.movies.schemas import MovieItem


class DiscoverItem(MovieItem):
    """A film as discover lists it: as `/movies?title=` does, and its revenue."""

    revenue: int | None


class DiscoverPage(msgspec.Struct):
    total: int
    limit: int
    offset: int
    items: list[DiscoverItem]
