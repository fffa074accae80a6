"""The statements behind `/movies` (views `api.movie_by_title`, `api.movie_details`)."""

from __future__ import annotations

#: Similarity a title key needs to be offered by the typo-tolerant fallback.
FUZZY_MIN_SIMILARITY = 0.8
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

FILMS_NEAR_TITLE = f"""
with scored as (
    select {_MOVIE_COLUMNS}, jaro_winkler_similarity(title_key, $key) as similarity
    from {{db}}.api.movie_by_title
)
select {_MOVIE_COLUMNS}
from scored
where similarity >= {FUZZY_MIN_SIMILARITY}
order by similarity desc, popularity desc nulls last, movie_id
limit {FUZZY_MAX_FILMS}
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
