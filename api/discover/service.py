"""`/discover/movies`: the request's filters checked (400 problem details naming what is
allowed), resolved to ids and codes, and answered by the in-memory engine."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from api import lookup
from api.db import Warehouse
from api.discover import queries
from api.discover.engine import DISCOVER_DATA, RANGES, DiscoverData, Filters
from api.discover.schemas import DiscoverPage
from api.problems import InvalidArgument
from api.streaming.service import parse_platform

SORTS = [f"{key}.{direction}" for key in queries.SORT_COLUMNS for direction in ("desc", "asc")]
DEFAULT_SORT = "popularity.desc"


@dataclass(frozen=True)
class DiscoverRequest:
    """The query parameters as received (the controller's types already checked)."""

    genre: str | None = None
    year_from: int | None = None
    year_to: int | None = None
    language: str | None = None
    country: str | None = None
    company: int | None = None
    person: int | None = None
    keyword: int | None = None
    min_votes: int | None = None
    min_vote_average: float | None = None
    runtime_min: int | None = None
    runtime_max: int | None = None
    available_on: str | None = None
    sort: str = DEFAULT_SORT
    limit: int = 20
    offset: int = 0


def parse_sort(raw: str) -> tuple[str, str]:
    """(key, direction) of `sort` (`vote_average.desc`; any case); 400 listing the sorts."""
    key, _, direction = raw.strip().lower().partition(".")
    if key not in queries.SORT_COLUMNS or direction not in queries.DIRECTIONS:
        raise InvalidArgument(f"sort must be one of {', '.join(SORTS)}; got {raw!r}.")
    return key, direction


def parse_genre(genres: Mapping[int, str | None], raw: str) -> int:
    """The genre id a name (any case, accents ignored) or an id means, of `genres` (id ->
    name, api.films_by_genre); 400 listing them. The similar films' filter uses it too."""
    key = lookup.clean_argument(raw, "genre")
    number = lookup.parse_small_int(key)
    for genre_id, name in genres.items():
        if number == genre_id or (name is not None and lookup.name_key(name) == key):
            return genre_id
    names = ", ".join(f"{name} ({gid})" for gid, name in sorted(genres.items()))
    raise InvalidArgument(f"genre must be a genre name or id: {names}; got {raw!r}.")


def filters_of(data: DiscoverData, request: DiscoverRequest) -> Filters:
    """The request's filters, checked; 400 problem details for anything unknown."""
    check_order(request.year_from, request.year_to, "year_from", "year_to")
    check_order(request.runtime_min, request.runtime_max, "runtime_min", "runtime_max")
    lists: dict[str, object] = {}
    if request.genre is not None:
        lists["genre"] = parse_genre(data.genres, request.genre)
    if request.country is not None:  # any two letters (the document says so): an unused
        lists["country"] = request.country.strip().upper()  # code selects nothing
    for name in ("company", "person", "keyword"):
        value = getattr(request, name)
        if value is not None:
            lists[name] = value
    if request.available_on is not None:
        lists["available_on"] = parse_platform(request.available_on)
    language = None if request.language is None else request.language.strip().lower()
    ranges = {
        name: float(getattr(request, name)) for name in RANGES if getattr(request, name) is not None
    }
    return Filters(lists=lists, language=language, ranges=ranges)


def check_order(low: int | None, high: int | None, low_name: str, high_name: str) -> None:
    """400 when both bounds are given and `low` is greater than `high`."""
    if low is not None and high is not None and low > high:
        raise InvalidArgument(f"{low_name} ({low}) is greater than {high_name} ({high}).")


def discover(warehouse: Warehouse, request: DiscoverRequest) -> DiscoverPage:
    """The page of films matching `request`, in its order (ties by movie_id ascending)."""
    key, direction = parse_sort(request.sort)
    data = DISCOVER_DATA.get(warehouse)
    positions = data.select(filters_of(data, request), key, direction)
    page = positions[request.offset : request.offset + request.limit]
    return DiscoverPage(
        total=int(positions.size),
        limit=request.limit,
        offset=request.offset,
        items=[data.items[p] for p in page.tolist()],
    )
