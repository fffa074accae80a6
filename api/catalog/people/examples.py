"""OpenAPI examples of `/actors` and `/directors` (the statement's /get_actor and
/get_director add their `mensaje`)."""

from __future__ import annotations

ACTOR = {
    "person_id": 31,
    "actor": "Tom Hanks",
    "films": 48,
    "total_return": 152.6065701919301,
    "average_return": 3.1793035456652103,
    "alternatives": [],
}

#: Abridged: one of the director's films.
DIRECTOR = {
    "person_id": 7879,
    "director": "John Lasseter",
    "films": 10,
    "total_return": 27.65437835777778,
    "average_return": 2.765437835777778,
    "movies": [
        {
            "movie_id": 862,
            "title": "Toy Story",
            "release_date": "1995-10-30",
            "return": 12.4518011,
            "budget": 30000000,
            "revenue": 373554033,
        }
    ],
    "alternatives": [],
}
