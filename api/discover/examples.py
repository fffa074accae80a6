"""OpenAPI examples of `/discover/movies`: a real answer of the full data."""

INVALID = "year_from (2000) is greater than year_to (1990)."

JAPANESE_ANIMATION = {
    "total": 68,
    "limit": 3,
    "offset": 0,
    "items": [
        {
            "movie_id": 372058,
            "title": "Your Name.",
            "release_date": "2016-08-26",
            "release_year": 2016,
            "popularity": 34.461252,
            "vote_count": 1030,
            "vote_average": 8.5,
            "runtime": 106,
            "revenue": 355298270,
        },
        {
            "movie_id": 129,
            "title": "Spirited Away",
            "release_date": "2001-07-20",
            "release_year": 2001,
            "popularity": 41.048867,
            "vote_count": 3968,
            "vote_average": 8.3,
            "runtime": 125,
            "revenue": 274925095,
        },
        {
            "movie_id": 128,
            "title": "Princess Mononoke",
            "release_date": "1997-07-12",
            "release_year": 1997,
            "popularity": 17.166725,
            "vote_count": 2041,
            "vote_average": 8.2,
            "runtime": 134,
            "revenue": 159375308,
        },
    ],
}
