"""OpenAPI examples of `/genres` (figures from the full data)."""

from __future__ import annotations

#: Abridged: the first three of 20.
GENRES = [
    {"genre_id": 18, "name": "Drama", "films": 20234},
    {"genre_id": 35, "name": "Comedy", "films": 13175},
    {"genre_id": 53, "name": "Thriller", "films": 7614},
]
