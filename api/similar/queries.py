"""The statements behind the similar films and titles.

One row per suggestion up to the limit; an item without any has one row with rank NULL (so
an item without suggestions is told from an unknown one). Every row repeats the item's title.
"""

from __future__ import annotations

FILM_SUGGESTIONS = """
select
    rank, title, similar_movie_id, similar_title, similar_release_year, score,
    shared_genres, shared_keywords, shared_people, same_collection
from {db}.api.film_suggestions
where movie_id = $movie_id and coalesce(rank, 0) <= $limit
"""

TITLE_SUGGESTIONS = """
select
    rank, title, similar_title_id, similar_title, similar_platform, similar_type,
    similar_release_year, score, shared_genres, shared_people, shared_countries, same_director
from {db}.api.streaming_title_suggestions
where title_id = $title_id and coalesce(rank, 0) <= $limit
"""
