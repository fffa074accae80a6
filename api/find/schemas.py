"""The row `/find` resolves an external id with (the answer is the film's MovieDetails)."""

from __future__ import annotations

import msgspec


class ExternalLink(msgspec.Struct):
    """A row of BY_IMDB / BY_MOVIELENS: a MovieLens film, its IMDb id, its TMDB id as links.csv
    writes it, and the catalogue film it is (None when the catalogue lacks it)."""

    movielens_id: int
    imdb_ref: str | None
    tmdb_id: int | None
    movie_id: int | None
