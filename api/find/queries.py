"""The statements behind `/find`: one per source, each on its own indexed column. Should an
IMDb id ever name two MovieLens films, the one naming a catalogue film answers (then the
smaller MovieLens id)."""

from __future__ import annotations

_COLUMNS = "movielens_id, imdb_ref, tmdb_id, movie_id"

BY_IMDB = f"""
select {_COLUMNS}
from {{db}}.api.movie_by_external_id
where imdb_id = $number
order by movie_id asc nulls last, movielens_id asc
limit 1
"""

BY_MOVIELENS = f"""
select {_COLUMNS}
from {{db}}.api.movie_by_external_id
where movielens_id = $number
"""
