"""OpenAPI examples of the similar films and titles (figures from the full data)."""

from __future__ import annotations

SIMILAR_FILMS = {
    "movie_id": 862,
    "title": "Toy Story",
    "items": [
        {
            "movie_id": 863,
            "title": "Toy Story 2",
            "release_year": 1999,
            "score": 0.751597652,
            "shared": {
                "genres": ["Animation", "Comedy", "Family"],
                "keywords": ["friendship", "toy comes to life"],
                "people": ["John Lasseter", "Tom Hanks"],
            },
            "same_collection": True,
        }
    ],
}
SIMILAR_TITLES = {
    "title_id": "ds1378",
    "title": "toy story",
    "items": [
        {
            "title_id": "ds1379",
            "title": "toy story 2",
            "platform": "disney",
            "type": "movie",
            "release_year": 1999,
            "score": 0.742095195,
            "shared": {
                "genres": ["action-adventure", "animation"],
                "people": ["don rickles", "jim varney", "john lasseter", "tim allen", "tom hanks"],
                "countries": ["united states"],
            },
            "same_director": True,
        }
    ],
}
