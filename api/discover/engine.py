"""`/discover/movies` answered from memory: `api.discover_movies` as arrays, once per build.

A film is a position (its rank by movie_id). Each list filter (genre, country, company,
person, keyword, platform) and the original language are inverted lists: value -> sorted
positions. Numeric filters compare float arrays in which a missing value is NaN, so it fails
every bound exactly as SQL's NULL does. Each sort is a precomputed permutation made by
DuckDB itself (`queries.ORDER`: missing last, ties by movie_id), so the order is SQL's, not a
re-implementation of it. A request is then a boolean mask and one gather:
`order[mask[order]]` is every match in order, its length the total.
The tests check the answers against `queries.DISCOVER` run by DuckDB.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np

from api.discover import queries
from api.discover.schemas import DiscoverItem
from api.per_build import PerBuild

if TYPE_CHECKING:
    from api.db import BuildHandle, Warehouse

ITEMS = """
select movie_id, title, release_date, release_year, popularity, vote_count, vote_average,
    runtime, revenue
from {db}.api.discover_movies
order by movie_id
"""

#: Numeric filter -> (array, comparison).
RANGES = {
    "year_from": ("release_year", "ge"),
    "year_to": ("release_year", "le"),
    "min_votes": ("vote_count", "ge"),
    "min_vote_average": ("vote_average", "ge"),
    "runtime_min": ("runtime", "ge"),
    "runtime_max": ("runtime", "le"),
}


@dataclass(frozen=True)
class Filters:
    """A request's filters, checked and resolved (api.discover.service): None = not asked."""

    lists: dict[str, Any] = field(default_factory=dict)  # parameter -> value (an id, a code)
    language: str | None = None
    ranges: dict[str, float] = field(default_factory=dict)  # RANGES key -> bound


@dataclass(frozen=True)
class DiscoverData:
    items: list[DiscoverItem]
    numbers: dict[str, np.ndarray]
    lists: dict[str, dict[Any, np.ndarray]]
    languages_of_films: dict[str, np.ndarray]
    orders: dict[tuple[str, str], np.ndarray]
    genres: dict[int, str]

    def select(self, filters: Filters, sort: str, direction: str) -> np.ndarray:
        """Positions of every film matching `filters`, in the order of the sort."""
        size = len(self.items)
        mask: np.ndarray | None = None
        postings = [self.lists[name].get(value, _EMPTY) for name, value in filters.lists.items()]
        if filters.language is not None:
            postings.append(self.languages_of_films.get(filters.language, _EMPTY))
        for positions in sorted(postings, key=len):
            hit = np.zeros(size, dtype=bool)
            hit[positions] = True
            mask = hit if mask is None else mask & hit
        for name, bound in filters.ranges.items():
            column, comparison = RANGES[name]
            values = self.numbers[column]
            passed = values >= bound if comparison == "ge" else values <= bound
            mask = passed if mask is None else mask & passed
        order = self.orders[(sort, direction)]
        return order if mask is None else order[mask[order]]


_EMPTY = np.zeros(0, dtype=np.int64)


def _floats(values: list[Any]) -> np.ndarray:
    return np.array([np.nan if v is None else float(v) for v in values], dtype=np.float64)


def _inverted(pairs: dict[str, Any]) -> dict[Any, np.ndarray]:
    """value -> ascending positions, from the (position, value) columns of `queries.LISTS`."""
    positions = np.asarray(pairs["position"], dtype=np.int64)
    values = np.asarray(pairs["value"])
    order = np.lexsort((positions, values))  # by value, then position
    values, positions = values[order], positions[order]
    starts = np.flatnonzero(np.r_[True, values[1:] != values[:-1]]) if len(values) else []
    ends = [*list(starts[1:]), len(values)]
    keys = values.tolist()  # Python ints and strs: they must equal the request's values
    return {keys[a]: positions[a:b] for a, b in zip(starts, ends, strict=True)}


def load(warehouse: Warehouse, handle: BuildHandle) -> DiscoverData:
    """Read `api.discover_movies` (and the genres a filter may name) of a build."""
    items = warehouse.read_structs_once(handle, ITEMS, DiscoverItem)
    scalars = warehouse.read_once(handle, queries.COLUMNS)
    columns = {name: [row[i] for row in scalars.rows] for i, name in enumerate(scalars.columns)}
    numbers = {
        name: _floats(columns[name])
        for name in ("release_year", "vote_count", "vote_average", "runtime")
    }
    lists: dict[str, dict[Any, np.ndarray]] = {}
    for parameter, column in queries.LIST_COLUMNS.items():
        statement = queries.LISTS.format(db="{db}", column=column)
        lists[parameter] = _inverted(warehouse.read_arrays_once(handle, statement))
    by_language: dict[str, list[int]] = {}
    for position, code in enumerate(columns["original_language"]):
        if code is not None:
            by_language.setdefault(code, []).append(position)
    orders = {}
    for key, column in queries.SORT_COLUMNS.items():
        for direction in queries.DIRECTIONS:
            statement = queries.ORDER.format(db="{db}", column=column, direction=direction)
            positions = warehouse.read_arrays_once(handle, statement)["position"]
            orders[(key, direction)] = np.asarray(positions, dtype=np.int64)
    genres = {gid: name for gid, name in warehouse.read_once(handle, queries.GENRES).rows}
    return DiscoverData(
        items=items,
        numbers=numbers,
        lists=lists,
        languages_of_films={k: np.array(v, dtype=np.int64) for k, v in by_language.items()},
        orders=orders,
        genres=genres,
    )


DISCOVER_DATA: PerBuild[DiscoverData] = PerBuild(load)
