"""The statement behind `/genres`: the whole list, most films first (a page is a slice)."""

from __future__ import annotations

GENRES = """
select genre_id, name, films
from {db}.api.films_by_genre
order by films desc, genre_id
"""
