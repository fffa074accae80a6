"""Response items of `/genres` (each the row of its statement)."""

from __future__ import annotations

import msgspec


class GenreFilms(msgspec.Struct):
    """A genre and the films of the catalogue that have it."""

    genre_id: int
    name: str
    films: int
