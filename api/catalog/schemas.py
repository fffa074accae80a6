"""Structs shared by the catalogue's resources."""

from __future__ import annotations

import msgspec


class Alternative(msgspec.Struct):
    """Another person, collection or company with the same name key (fewer films)."""

    id: int
    name: str | None
    films: int
