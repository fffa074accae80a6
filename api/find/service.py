"""The film an external id names.

Which source: `source` when given; otherwise `tt…` is an IMDb id and a bare number a
MovieLens id (IMDb ids are always written with `tt`, MovieLens ids never are). The id's form
is EXTERNAL_ID_PATTERN (declared in the OpenAPI document, so a request the document calls
valid is never refused): anything else is a 400; a MovieLens id written with `tt` names no
film (404).
"""

from __future__ import annotations

import re

from api import lookup
from api.catalog.movies import service as movies
from api.catalog.movies.schemas import MovieDetails
from api.db import Warehouse
from api.find import queries
from api.find.schemas import ExternalLink
from api.problems import InvalidArgument, NoMatch, UnknownName

SOURCES = ("imdb", "movielens")
#: `tt` (any case) and up to 9 digits, or up to 9 digits; ECMA and Python read it alike.
EXTERNAL_ID_PATTERN = "^(?:[tT][tT])?[0-9]{1,9}$"
_EXTERNAL_ID = re.compile(EXTERNAL_ID_PATTERN)
INVALID_ID = "external_id must be an IMDb id (tt0114709) or a MovieLens id (1)."
INVALID_SOURCE = "source must be one of: " + ", ".join(SOURCES) + "."
_NAMES = {"imdb": "IMDb", "movielens": "MovieLens"}


def find_movie(warehouse: Warehouse, external_id: str, source: str | None) -> MovieDetails:
    """The catalogue film `external_id` names in `source` (see the module docstring); 404
    when no film has that id, or when the catalogue lacks the film it names."""
    if not _EXTERNAL_ID.fullmatch(external_id):
        raise InvalidArgument(INVALID_ID)
    prefixed = external_id[:2].lower() == "tt"
    if source is None:
        source = "imdb" if prefixed else "movielens"
    else:
        source = lookup.clean_argument(source, "source")
        if source not in SOURCES:
            raise InvalidArgument(INVALID_SOURCE)
    shown = f"{_NAMES[source]} {external_id}"
    if source == "movielens" and prefixed:
        raise UnknownName("film", shown, [])
    number = int(external_id[2:] if prefixed else external_id)
    sql = queries.BY_IMDB if source == "imdb" else queries.BY_MOVIELENS
    link = warehouse.fetch_struct(sql, {"number": number}, ExternalLink)
    if link is None:
        raise UnknownName("film", shown, [])
    if link.movie_id is None:
        if link.tmdb_id is None:
            raise NoMatch(f"{shown} has no TMDB id in links.csv: no film of the catalogue.")
        raise NoMatch(f"{shown} is TMDB film {link.tmdb_id}, which the catalogue lacks.")
    return movies.movie_details(warehouse, link.movie_id)
