"""The statements behind `/movies` (views `api.movie_by_title`, `api.movie_details`)."""

from __future__ import annotations

#: Films the search fallback offers when no title key matches.
FUZZY_MAX_FILMS = 20

_MOVIE_COLUMNS = (
    "movie_id, title, release_date, release_year, popularity, vote_count, vote_average, runtime"
)

# The few rows of a key are put in title_rank order in Python (Warehouse.fetch_structs).
FILMS_BY_TITLE = f"""
select title_rank, {_MOVIE_COLUMNS}
from {{db}}.api.movie_by_title
where title_key = $key
"""

# The films search found for a title, by id (their order is search's, kept in Python).
FILMS_BY_ID = f"""
select {_MOVIE_COLUMNS}
from {{db}}.api.movie_by_title
where movie_id in (select unnest($ids))
"""

MOVIE_DETAILS = """
select
    movie_id, title, original_language, overview, tagline, status, release_date,
    release_year, budget, revenue, "return", runtime, popularity, vote_average, vote_count,
    collection_id, collection_name, genres, companies, countries, spoken_languages,
    directors, top_cast, available_on
from {db}.api.movie_details
where movie_id = $movie_id
"""
