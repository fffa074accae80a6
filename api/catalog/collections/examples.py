"""OpenAPI examples of `/collections` (figures from the full data)."""

from __future__ import annotations

TOY_STORY_COLLECTION = {
    "collection_id": 10194,
    "name": "Toy Story Collection",
    "films": 3,
    "total_revenue": 1937890605,
    "movies": [
        {
            "movie_id": 862,
            "title": "Toy Story",
            "release_date": "1995-10-30",
            "release_year": 1995,
            "revenue": 373554033,
        },
        {
            "movie_id": 863,
            "title": "Toy Story 2",
            "release_date": "1999-10-30",
            "release_year": 1999,
            "revenue": 497366869,
        },
        {
            "movie_id": 10193,
            "title": "Toy Story 3",
            "release_date": "2010-06-16",
            "release_year": 2010,
            "revenue": 1066969703,
        },
    ],
}
