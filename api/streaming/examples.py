"""OpenAPI examples of `/streaming` (figures from the full data); the statement's Spanish
routes add their `mensaje` to the same answers."""

from __future__ import annotations

LONGEST_MOVIE = {
    "title_id": "ns7923",
    "title": "sairat",
    "platform": "netflix",
    "release_year": 2016,
    "duration_int": 173,
    "duration_type": "min",
}
SCORE_COUNT = {"platform": "amazon", "year": 2014, "scored": 3.3, "movies": 286}
PLATFORM_COUNTS = {"platform": "amazon", "movies": 7814, "tv_shows": 1854}
TOP_ACTOR = {"platform": "netflix", "year": None, "actor": "anupam kher", "appearances": 43}
COUNTRY_TITLES = {"country": "india", "type": "movie", "year": 2019, "titles": 130}
RATING_TITLES = {"rating": "13+", "titles": 2117}
STREAMING_TITLE = {
    "title_id": "ds1378",
    "platform": "disney",
    "show_id": "s1378",
    "type": "movie",
    "title": "toy story",
    "director": "john lasseter",
    "cast": "tom hanks, tim allen, don rickles, jim varney, wallace shawn, john ratzenberger",
    "country": "united states",
    "date_added": "2019-11-12",
    "release_year": 1995,
    "rating": "g",
    "duration_int": 83,
    "duration_type": "min",
    "listed_in": "action-adventure, animation, buddy",
    "description": "meet woody, buzz and the gang in an adventure full of humor and heart.",
    "score": 3.392638036809816,
    "movie": {
        "movie_id": 862,
        "title": "Toy Story",
        "release_year": 1995,
        "match_quality": "title_and_year",
    },
}

NO_LONGEST_MOVIE = "No movie on Netflix released in 1900 has a duration in minutes."
UNKNOWN_COUNTRY = (
    "No country in the streaming catalogues matches 'indai'.",
    ["india", "indonesia"],
)
UNKNOWN_RATING = ("No maturity rating matches 'pg13'.", ["pg-13", "pg"])
UNKNOWN_TITLE_ID = ("No streaming title matches 'id xs1'.", [])
