"""OpenAPI examples of `/search*`: real answers of the full data (tests/api/test_openapi_examples.py
checks them against the live build)."""

INVALID = "q is longer than 200 characters."

ANY_NOLAN = {
    "query": "nolan",
    "total": 14,
    "limit": 3,
    "offset": 0,
    "items": [
        {"type": "person", "id": 525, "name": "Christopher Nolan", "year": None, "score": 0.9879},
        {"type": "person", "id": 1505363, "name": "Flora Nolan", "year": None, "score": 0.893},
        {"type": "person", "id": 147710, "name": "Nolan Gould", "year": None, "score": 0.8096},
    ],
}

MOVIES_DARK_KNIGHT = {
    "query": "the dark knight",
    "total": 6,
    "limit": 3,
    "offset": 0,
    "items": [
        {
            "movie_id": 155,
            "title": "The Dark Knight",
            "original_title": "The Dark Knight",
            "release_year": 2008,
            "popularity": 123.167259,
            "vote_count": 12269,
            "vote_average": 8.3,
            "score": 0.9914,
        },
        {
            "movie_id": 49026,
            "title": "The Dark Knight Rises",
            "original_title": "The Dark Knight Rises",
            "release_year": 2012,
            "popularity": 20.58258,
            "vote_count": 9263,
            "vote_average": 7.6,
            "score": 0.8601,
        },
        {
            "movie_id": 142061,
            "title": "Batman: The Dark Knight Returns, Part 2",
            "original_title": "Batman: The Dark Knight Returns, Part 2",
            "release_year": 2013,
            "popularity": 12.576611,
            "vote_count": 426,
            "vote_average": 7.9,
            "score": 0.5154,
        },
    ],
}

PEOPLE_DICAPRIO = {
    "query": "dicaprio",
    "total": 1,
    "limit": 3,
    "offset": 0,
    "items": [
        {
            "person_id": 6193,
            "name": "Leonardo DiCaprio",
            "known_for": ["Inception", "The Wolf of Wall Street", "Shutter Island"],
            "films": 22,
            "score": 0.9811,
        }
    ],
}

COMPANIES_WARNER = {
    "query": "warner bros",
    "total": 18,
    "limit": 3,
    "offset": 0,
    "items": [
        {"company_id": 6194, "name": "Warner Bros.", "films": 1250, "score": 1.0},
        {"company_id": 174, "name": "Warner Bros. Pictures", "films": 19, "score": 0.7354},
        {"company_id": 2785, "name": "Warner Bros. Animation", "films": 66, "score": 0.7246},
    ],
}

COLLECTIONS_STAR_WARS = {
    "query": "star wars",
    "total": 4,
    "limit": 3,
    "offset": 0,
    "items": [
        {"collection_id": 10, "name": "Star Wars Collection", "films": 8, "score": 0.9946},
        {"collection_id": 423877, "name": "Turkish Star Wars", "films": 1, "score": 0.5428},
        {
            "collection_id": 141748,
            "name": "Robot Chicken: Star Wars Collection",
            "films": 1,
            "score": 0.5213,
        },
    ],
}
