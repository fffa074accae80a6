"""The protocol's metrics on tiny examples computed by hand."""

from __future__ import annotations

import math

import numpy as np
import pytest

from recommender.datasets import Ratings
from recommender.evaluation import (
    catalogue_coverage,
    evaluate,
    hit_matrix,
    mae,
    ndcg_at_k,
    precision_at_k,
    recall_at_k,
    relevant_items,
    rmse,
)


def test_rmse_and_mae():
    truth = np.array([4.0, 3.0, 5.0, 1.0])
    predicted = np.array([3.5, 3.0, 4.0, 3.0])
    # errors 0.5, 0, 1, 2: squares 0.25 + 0 + 1 + 4 = 5.25
    assert rmse(truth, predicted) == pytest.approx(math.sqrt(5.25 / 4))
    assert mae(truth, predicted) == pytest.approx(3.5 / 4)


def test_hit_matrix_ignores_padding():
    recommended = np.array([[10, 11, 12], [20, -1, -1]])
    hits = hit_matrix(recommended, [np.array([12, 99]), np.array([-1, 20])])
    assert hits.tolist() == [[False, False, True], [True, False, False]]


def test_precision_recall_ndcg_by_hand():
    # User A: relevant {1, 3, 7}; list 1, 2, 3 -> hits at ranks 1 and 3.
    # User B: relevant {5}; list 4, 5, 6 -> hit at rank 2.
    hits = np.array([[True, False, True], [False, True, False]])
    n_relevant = np.array([3, 1])
    assert precision_at_k(hits, 3).tolist() == pytest.approx([2 / 3, 1 / 3])
    assert recall_at_k(hits, n_relevant, 3).tolist() == pytest.approx([2 / 3, 1.0])
    # A: DCG = 1 + 1/log2(4) = 1.5; ideal (3 relevant) = 1 + 1/log2(3) + 1/2
    # B: DCG = 1/log2(3); ideal (1 relevant) = 1
    ideal_a = 1 + 1 / math.log2(3) + 0.5
    assert ndcg_at_k(hits, n_relevant, 3).tolist() == pytest.approx(
        [1.5 / ideal_a, 1 / math.log2(3)]
    )


def test_ideal_dcg_caps_at_k():
    # 20 relevant items, the first 10 all hits: a perfect list at k = 10.
    hits = np.ones((1, 10), dtype=bool)
    assert ndcg_at_k(hits, np.array([20]), 10)[0] == pytest.approx(1.0)
    assert recall_at_k(hits, np.array([20]), 10)[0] == pytest.approx(0.5)
    assert precision_at_k(hits, 10)[0] == pytest.approx(1.0)


def test_precision_divides_by_k_when_the_list_is_short():
    hits = np.array([[True, False, False, False, False]])  # padded list of length 5
    assert precision_at_k(hits, 5)[0] == pytest.approx(0.2)


def test_catalogue_coverage():
    recommended = np.array([[1, 2, 3], [3, 4, -1]])
    assert catalogue_coverage(recommended, 8) == pytest.approx(4 / 8)


def test_relevant_items_threshold_is_four():
    test = Ratings.from_arrays([1, 1, 1, 2], [10, 11, 12, 10], [4.0, 3.5, 5.0, 2.0])
    relevant = relevant_items(test, np.array([1, 2]))
    assert [r.tolist() for r in relevant] == [[10, 12], []]


class _Fixed:
    """A model that ranks items 30, 20, 10 (by id) for everyone and predicts 6 stars."""

    predicts_ratings = True
    ranks = True

    def fit(self, train):
        self.items = np.array(sorted(set(train.item_ids.tolist()), reverse=True))
        return self

    def predict(self, users, items):
        return np.full(len(users), 6.0)

    def recommend(self, users, k, exclude_seen=True):
        out = np.full((len(users), k), -1)
        out[:, : len(self.items)] = self.items[:k]
        return out, None


def test_evaluate_clips_and_averages_over_users_with_relevant_items():
    train = Ratings.from_arrays([1, 2, 3], [10, 20, 30], [3.0, 3.0, 3.0])
    # user 1: relevant {30}; user 2: relevant {20}; user 3: nothing relevant (skipped).
    test = Ratings.from_arrays([1, 2, 3], [30, 20, 10], [4.0, 5.0, 2.0])
    result = evaluate(_Fixed(), train, test, k=10)
    # predictions 6 are clipped to 5: errors 1, 0, 3
    assert result.rmse == pytest.approx(math.sqrt((1 + 0 + 9) / 3))
    assert result.mae == pytest.approx(4 / 3)
    # user 1 hit at rank 1, user 2 at rank 2
    assert result.precision_at_10 == pytest.approx((0.1 + 0.1) / 2)
    assert result.recall_at_10 == pytest.approx(1.0)
    assert result.ndcg_at_10 == pytest.approx((1 + 1 / math.log2(3)) / 2)
    assert result.coverage == pytest.approx(1.0)
