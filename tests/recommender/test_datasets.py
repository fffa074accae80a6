"""Loading ratings and the protocol's per-user temporal split."""

from __future__ import annotations

import numpy as np
import pandas as pd

from recommender.datasets import Ratings, load_ratings, temporal_split


def _ratings(rows):
    users, items, times = zip(*rows, strict=True)
    return Ratings.from_arrays(users, items, np.full(len(rows), 3.0), times)


def _pairs(data: Ratings) -> set[tuple[int, int]]:
    return set(zip(data.user_ids.tolist(), data.item_ids.tolist(), strict=True))


def test_split_takes_the_last_fifth_rounded_down_at_least_one():
    rows = []
    for user, n in [(1, 4), (2, 5), (3, 9), (4, 10), (5, 14)]:
        rows += [(user, 100 + i, 1000 + i) for i in range(n)]
    train, test = temporal_split(_ratings(rows))
    per_user = pd.Series(test.user_ids).value_counts().to_dict()
    # 4 ratings: < 5, all train; 5 -> 1; 9 -> 1; 10 -> 2; 14 -> 2
    assert per_user == {2: 1, 3: 1, 4: 2, 5: 2}
    assert len(train) + len(test) == len(rows)
    # the test ratings are each user's latest
    assert (4, 108) in _pairs(test) and (4, 109) in _pairs(test)
    assert (5, 112) in _pairs(test) and (5, 113) in _pairs(test)


def test_split_orders_by_time_then_item_id():
    # user 1 rated five films at two instants; the last by time, ties by item id, is test.
    rows = [(1, 50, 20), (1, 40, 20), (1, 30, 10), (1, 20, 10), (1, 10, 10)]
    _, test = temporal_split(_ratings(rows))
    assert _pairs(test) == {(1, 50)}
    rows = [(1, 50, 10), (1, 40, 20), (1, 30, 20), (1, 20, 10), (1, 10, 10)]
    _, test = temporal_split(_ratings(rows))
    assert _pairs(test) == {(1, 40)}


def test_split_is_independent_of_input_order():
    rng = np.random.default_rng(0)
    rows = [(u, i, int(t)) for u in range(1, 6) for i, t in enumerate(rng.integers(0, 50, 12))]
    shuffled = [rows[j] for j in rng.permutation(len(rows))]
    _, test_a = temporal_split(_ratings(rows))
    _, test_b = temporal_split(_ratings(shuffled))
    assert _pairs(test_a) == _pairs(test_b)


def test_indices_and_matrix():
    data = Ratings.from_arrays([7, 3, 7], [20, 10, 10], [4.0, 2.0, 5.0])
    assert data.users.tolist() == [3, 7] and data.items.tolist() == [10, 20]
    assert data.matrix.toarray().tolist() == [[2.0, 0.0], [5.0, 4.0]]
    assert data.lookup([7, 8, 3], "user").tolist() == [1, -1, 0]
    assert data.lookup([20, 5], "item").tolist() == [1, -1]


def test_from_frame_accepts_datetimes():
    frame = pd.DataFrame(
        {
            "user_id": [1, 1],
            "movielens_id": [5, 6],
            "rating": [4.0, 3.5],
            "rated_at": pd.to_datetime(["1970-01-01 00:00:10", "1970-01-01 00:01:00"]),
        }
    )
    data = Ratings.from_frame(frame, item="movielens_id", timestamp="rated_at")
    assert data.timestamps.tolist() == [10, 60]


def test_load_ratings_from_the_fixture_build(fixture_db):
    data = load_ratings(fixture_db)
    count, users = fixture_db.execute(
        "select count(*), count(distinct user_id) from ratings"
    ).fetchone()
    assert (len(data), data.n_users) == (count, users)
    # films without a TMDB match still count (keyed by MovieLens id)
    unmatched = fixture_db.execute("select count(*) from ratings where movie_id is null").fetchone()
    assert unmatched[0] > 0
