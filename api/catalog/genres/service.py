"""Every genre with its films."""

from __future__ import annotations

from api.catalog.genres import queries
from api.catalog.genres.schemas import GenreFilms
from api.db import Warehouse


def genres(warehouse: Warehouse) -> list[GenreFilms]:
    """Every genre, most films first (then genre_id)."""
    return warehouse.fetch_structs(queries.GENRES, (), GenreFilms)
