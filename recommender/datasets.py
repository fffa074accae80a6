"""Ratings as arrays: loading (from a DuckDB connection or a DataFrame) and the fixed split.

A `Ratings` holds explicit ratings keyed by user id and *item* id. The offline protocol keys
items by MovieLens movie id (`movielens_id`), so films without a TMDB match still count; the
build keys nothing else (serving maps MovieLens ids to TMDB `movie_id` through `links`).

`temporal_split` is the protocol's split (issue 7): per user, ratings sorted by time (ties by
item id); the last 20 % (rounded down, at least 1) are test, the rest train; users with fewer
than 5 ratings stay wholly in train. Applied to a train set it carves the validation split
that hyper-parameters are tuned on (never on test).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import numpy as np
import pandas as pd
import scipy.sparse as sp

#: The protocol's split parameters (issue 7).
TEST_FRACTION = 0.2
MIN_RATINGS_TO_SPLIT = 5

RATINGS_SQL = """
select
    user_id,
    movielens_id as item_id,
    movie_id,
    cast(rating as double) as rating,
    epoch(rated_at)::bigint as timestamp
from main.ratings
{only_movielens}
order by user_id, timestamp, item_id
"""


@dataclass(frozen=True)
class Ratings:
    """Explicit ratings as parallel arrays, with dense indices for users and items.

    `users` / `items` are the sorted distinct ids; `user_index` / `item_index` are each
    rating's position in them, so `matrix` (users x items, CSR) can be built directly.
    """

    user_ids: np.ndarray  # int64, one per rating
    item_ids: np.ndarray  # int64, one per rating
    ratings: np.ndarray  # float64, one per rating
    timestamps: np.ndarray  # int64 seconds, one per rating
    users: np.ndarray = field(init=False)
    items: np.ndarray = field(init=False)
    user_index: np.ndarray = field(init=False)
    item_index: np.ndarray = field(init=False)

    def __post_init__(self) -> None:
        users, user_index = np.unique(self.user_ids, return_inverse=True)
        items, item_index = np.unique(self.item_ids, return_inverse=True)
        object.__setattr__(self, "users", users)
        object.__setattr__(self, "items", items)
        object.__setattr__(self, "user_index", user_index.astype(np.int64))
        object.__setattr__(self, "item_index", item_index.astype(np.int64))

    # -- construction --------------------------------------------------------------------------

    @classmethod
    def from_frame(
        cls,
        frame: pd.DataFrame,
        *,
        user: str = "user_id",
        item: str = "item_id",
        rating: str = "rating",
        timestamp: str = "timestamp",
    ) -> Ratings:
        """Ratings from a DataFrame; `timestamp` may be integer seconds or datetimes."""
        times = frame[timestamp]
        if pd.api.types.is_datetime64_any_dtype(times):
            times = times.astype("datetime64[s]").astype(np.int64)
        return cls(
            user_ids=np.asarray(frame[user], dtype=np.int64),
            item_ids=np.asarray(frame[item], dtype=np.int64),
            ratings=np.asarray(frame[rating], dtype=np.float64),
            timestamps=np.asarray(times, dtype=np.int64),
        )

    @classmethod
    def from_arrays(
        cls,
        user_ids: Any,
        item_ids: Any,
        ratings: Any,
        timestamps: Any | None = None,
    ) -> Ratings:
        user_ids = np.asarray(user_ids, dtype=np.int64)
        if timestamps is None:
            timestamps = np.zeros(len(user_ids), dtype=np.int64)
        return cls(
            user_ids=user_ids,
            item_ids=np.asarray(item_ids, dtype=np.int64),
            ratings=np.asarray(ratings, dtype=np.float64),
            timestamps=np.asarray(timestamps, dtype=np.int64),
        )

    # -- views ---------------------------------------------------------------------------------

    def __len__(self) -> int:
        return len(self.ratings)

    @property
    def n_users(self) -> int:
        return len(self.users)

    @property
    def n_items(self) -> int:
        return len(self.items)

    @cached_property
    def matrix(self) -> sp.csr_matrix:
        """Users x items, the rating in each cell (CSR, float64, sorted indices)."""
        matrix = sp.csr_matrix(
            (self.ratings, (self.user_index, self.item_index)),
            shape=(self.n_users, self.n_items),
        )
        matrix.sort_indices()
        return matrix

    def subset(self, mask: np.ndarray) -> Ratings:
        return Ratings(
            user_ids=self.user_ids[mask],
            item_ids=self.item_ids[mask],
            ratings=self.ratings[mask],
            timestamps=self.timestamps[mask],
        )

    def to_frame(self) -> pd.DataFrame:
        return pd.DataFrame(
            {
                "user_id": self.user_ids,
                "item_id": self.item_ids,
                "rating": self.ratings,
                "timestamp": self.timestamps,
            }
        )

    def lookup(self, ids: Any, kind: str) -> np.ndarray:
        """Dense indices of user or item ids (`kind` = "user" / "item"); -1 where unknown."""
        known = self.users if kind == "user" else self.items
        ids = np.asarray(ids, dtype=np.int64)
        position = np.searchsorted(known, ids)
        position = np.minimum(position, max(len(known) - 1, 0))
        found = (known[position] == ids) if len(known) else np.zeros(len(ids), dtype=bool)
        return np.where(found, position, -1)


def load_ratings(con: Any) -> Ratings:
    """Every MovieLens rating of `main.ratings` keyed by MovieLens movie id, from a DuckDB
    connection. Ratings posted to the API (`source = 'feedback'`) are left out: the offline
    protocol is the MovieLens one, the same test set for every build."""
    columns = {row[0] for row in con.execute("describe main.ratings").fetchall()}
    only = "where source = 'movielens'" if "source" in columns else ""
    return Ratings.from_frame(con.execute(RATINGS_SQL.format(only_movielens=only)).df())


def load_movie_links(con: Any) -> pd.DataFrame:
    """MovieLens id -> TMDB `movie_id` for the rated films that are in `movies`."""
    return con.execute(
        """
        select distinct movielens_id as item_id, movie_id
        from main.ratings
        where movie_id is not null
        order by item_id
        """
    ).df()


def temporal_split(
    data: Ratings,
    test_fraction: float = TEST_FRACTION,
    min_ratings: int = MIN_RATINGS_TO_SPLIT,
) -> tuple[Ratings, Ratings]:
    """The protocol's per-user temporal split: (train, test).

    Per user, ratings ordered by timestamp then item id; the last floor(fraction * n)
    (at least 1) go to test when the user has at least `min_ratings` ratings.
    """
    order = np.lexsort((data.item_ids, data.timestamps, data.user_ids))
    users = data.user_ids[order]
    n = len(users)
    starts = np.flatnonzero(np.r_[True, users[1:] != users[:-1]]) if n else np.array([], int)
    counts = np.diff(np.r_[starts, n])
    n_test = np.where(
        counts >= min_ratings,
        np.maximum(np.floor(counts * test_fraction + 1e-9).astype(np.int64), 1),
        0,
    )
    # Position of each sorted rating within its user, and its user's count / test size.
    position = np.arange(n) - np.repeat(starts, counts)
    is_test_sorted = position >= np.repeat(counts - n_test, counts)
    is_test = np.zeros(n, dtype=bool)
    is_test[order] = is_test_sorted
    return data.subset(~is_test), data.subset(is_test)
