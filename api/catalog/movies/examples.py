"""OpenAPI examples of `/movies` (figures from the full data)."""

from __future__ import annotations

TOY_STORY_ITEM = {
    "movie_id": 862,
    "title": "Toy Story",
    "release_date": "1995-10-30",
    "release_year": 1995,
    "popularity": 21.946943,
    "vote_count": 5415,
    "vote_average": 7.7,
    "runtime": 81,
}

MOVIE_PAGE = {"items": [TOY_STORY_ITEM], "limit": 20, "offset": 0, "total": 1, "match": "exact"}

MOVIE_DETAILS = {
    **TOY_STORY_ITEM,
    "original_language": "en",
    "overview": None,
    "tagline": None,
    "status": None,
    "budget": 30000000,
    "revenue": 373554033,
    "return": 12.4518011,
    "collection": {"collection_id": 10194, "name": "Toy Story Collection"},
    "genres": [
        {"genre_id": 16, "name": "Animation"},
        {"genre_id": 35, "name": "Comedy"},
        {"genre_id": 10751, "name": "Family"},
    ],
    "companies": [{"company_id": 3, "name": "Pixar Animation Studios"}],
    "countries": [{"country_code": "US", "name": "United States of America"}],
    "spoken_languages": [{"language_code": "en", "name": "English"}],
    "directors": [{"person_id": 7879, "name": "John Lasseter"}],
    "top_cast": [{"person_id": 31, "name": "Tom Hanks", "character": "Woody (voice)"}],
    "available_on": [{"platform": "disney", "title_id": "ds1378", "score": 3.392638036809816}],
}
