"""OpenAPI examples of `/actors`, `/directors` (the statement's /get_actor and
/get_director add their `mensaje`) and `/people` (figures from the full data)."""

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

PERSON = {
    "person_id": 66,
    "name": "Chris Tucker",
    "gender": 2,
    "cast": [
        {
            "movie_id": 348035,
            "title": "Chris Tucker Live",
            "release_year": 2015,
            "character": "Himself",
            "order": 1,
        },
        {
            "movie_id": 5174,
            "title": "Rush Hour 3",
            "release_year": 2007,
            "character": "Det. James Carter",
            "order": 0,
        },
        {
            "movie_id": 5175,
            "title": "Rush Hour 2",
            "release_year": 2001,
            "character": "Det. James Carter",
            "order": 0,
        },
        {
            "movie_id": 9416,
            "title": "Money Talks",
            "release_year": 1997,
            "character": "Franklin Hatchett",
            "order": 0,
        },
    ],
    "crew": [
        {
            "movie_id": 348035,
            "title": "Chris Tucker Live",
            "release_year": 2015,
            "job": "Writer",
            "department": "Writing",
        },
        {
            "movie_id": 9416,
            "title": "Money Talks",
            "release_year": 1997,
            "job": "Executive Producer",
            "department": "Production",
        },
    ],
}
