"""OpenAPI examples of `/find` (the answer is the film's, as `/movies/{movie_id}` gives it)."""

from __future__ import annotations

from api.catalog.movies.examples import MOVIE_DETAILS

TOY_STORY = MOVIE_DETAILS

UNKNOWN_ID = ("No film matches 'IMDb tt9999999'.", [])
NOT_IN_CATALOGUE = "MovieLens 727 is TMDB film 365371, which the catalogue lacks."
