"""The statements behind the similar films and titles.

A request reads its item's precomputed rows (one indexed lookup: api.film_suggestions by
movie_id, api.streaming_title_suggestions by title_id) and keeps, in rank order, the first
`$limit` suggestions that pass the filters; a filter whose parameter is null is not applied,
`$exclude` is a list (empty: nothing excluded). A second branch always adds one row with rank
NULL and the item's title, so an item whose suggestions are all filtered out (or that has
none) is told from an unknown item, which has no row at all.
"""

from __future__ import annotations

FILM_SUGGESTIONS = """
with film as (
    select
        rank, title, similar_movie_id, similar_title, similar_release_year, score,
        shared_genres, shared_keywords, shared_people, same_collection, similar_genre_ids,
        similar_platforms
    from {db}.api.film_suggestions
    where movie_id = $movie_id
)
(
    select
        rank, title, similar_movie_id, similar_title, similar_release_year, score,
        shared_genres, shared_keywords, shared_people, same_collection
    from film
    where rank is not null
        and ($genre is null or list_contains(similar_genre_ids, $genre))
        and ($available_on is null or list_contains(similar_platforms, $available_on))
        and ($year_from is null or similar_release_year >= $year_from)
        and ($year_to is null or similar_release_year <= $year_to)
        and not list_contains($exclude::bigint[], similar_movie_id)
    order by rank
    limit $limit
)
union all
(
    select
        null, title, null, null, null, null, null, null, null, null
    from film
    limit 1
)
"""

TITLE_SUGGESTIONS = """
with title as (
    select
        rank, title, similar_title_id, similar_title, similar_platform, similar_type,
        similar_release_year, score, shared_genres, shared_people, shared_countries,
        same_director, similar_genres
    from {db}.api.streaming_title_suggestions
    where title_id = $title_id
)
(
    select
        rank, title, similar_title_id, similar_title, similar_platform, similar_type,
        similar_release_year, score, shared_genres, shared_people, shared_countries,
        same_director
    from title
    where rank is not null
        and ($genre is null or list_contains(similar_genres, $genre))
        and ($platform is null or similar_platform = $platform)
        and ($available_on is null or similar_platform = $available_on)
        and ($year_from is null or similar_release_year >= $year_from)
        and ($year_to is null or similar_release_year <= $year_to)
        and not list_contains($exclude::varchar[], similar_title_id)
    order by rank
    limit $limit
)
union all
(
    select
        null, title, null, null, null, null, null, null, null, null, null, null
    from title
    limit 1
)
"""

#: The genres a streaming filter may name (listed_in, lower-case), alphabetical.
STREAMING_GENRES = """
select genre
from {db}.api.streaming_genre_counts
order by genre
"""
