"""The statements of `/discover/movies`, all over `api.discover_movies`.

`DISCOVER` is a request as one statement: what an analyst runs for the same filter, and what
the tests hold the in-memory answer (api.discover.engine) to, filter for filter and row for
row. The API loads the table once per build instead (`COLUMNS`, `LISTS`, `ORDER`) and
answers from arrays: a statement per request costs ~4 ms in DuckDB, the arrays ~0.1 ms.
"""

from __future__ import annotations

#: The sort keys (`sort=<key>.<asc|desc>`) and the column each orders by.
SORT_COLUMNS = {
    "popularity": "popularity",
    "vote_average": "vote_average",
    "vote_count": "vote_count",
    "release_date": "release_date",
    "revenue": "revenue",
    "return": '"return"',
    "runtime": "runtime",
    "title": "title",
}
DIRECTIONS = ("asc", "desc")

#: The list columns a filter may ask to contain a value, by parameter.
LIST_COLUMNS = {
    "genre": "genre_ids",
    "country": "country_codes",
    "company": "company_ids",
    "person": "person_ids",
    "keyword": "keyword_ids",
    "available_on": "platforms",
}

#: Scalar columns of every film, in movie_id order (the arrays' positions).
COLUMNS = """
select
    movie_id, title, release_date, release_year, popularity, vote_count, vote_average,
    runtime, revenue, "return", original_language
from {db}.api.discover_movies
order by movie_id
"""

#: (position, value) of a list column's values; `{column}` is one of LIST_COLUMNS.
LISTS = """
select position, unnest({column}) as value
from (
    select row_number() over (order by movie_id) - 1 as position, {column}
    from {db}.api.discover_movies
)
"""

#: Positions in the order of a sort; `{column}` from SORT_COLUMNS, `{direction}` from
#: DIRECTIONS. Missing values last either way, ties by movie_id ascending.
ORDER = """
select row_number() over (order by movie_id) - 1 as position
from {db}.api.discover_movies
order by {column} {direction} nulls last, movie_id
"""

#: The genres a filter may name.
GENRES = "select genre_id, name from {db}.api.films_by_genre"

#: One request as one statement ($-parameters are null when not asked for).
DISCOVER = """
select
    movie_id, title, release_date, release_year, popularity, vote_count, vote_average,
    runtime, revenue, count(*) over () as total
from {db}.api.discover_movies
where ($genre is null or list_contains(genre_ids, $genre))
    and ($year_from is null or release_year >= $year_from)
    and ($year_to is null or release_year <= $year_to)
    and ($language is null or original_language = $language)
    and ($country is null or list_contains(country_codes, $country))
    and ($company is null or list_contains(company_ids, $company))
    and ($person is null or list_contains(person_ids, $person))
    and ($keyword is null or list_contains(keyword_ids, $keyword))
    and ($min_votes is null or vote_count >= $min_votes)
    and ($min_vote_average is null or vote_average >= $min_vote_average)
    and ($runtime_min is null or runtime >= $runtime_min)
    and ($runtime_max is null or runtime <= $runtime_max)
    and ($available_on is null or list_contains(platforms, $available_on))
order by {column} {direction} nulls last, movie_id
limit $limit offset $offset
"""
