"""Implicit-feedback matrix factorization (iALS): "will the user rate this film at all?".

Besides the model, the two closed forms serving relies on: the exact fold-in of a new user
(one ALS user step, so nothing is retrained for a new user) and the split of a score into the
contributions of the films the user rated (the reasons shown with each recommendation).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

from recommender.datasets import Ratings
from recommender.models.base import UserModel
from recommender.models.mf import solve_rows


@dataclass(frozen=True)
class Confidence:
    """Implicit feedback from ratings: every rating is a positive with confidence
    1 + alpha * (rating / 5) ** power (power 0: 1 + alpha for every rating)."""

    alpha: float
    power: float = 0.0

    def of(self, ratings: np.ndarray) -> np.ndarray:
        ratings = np.asarray(ratings, dtype=float)
        return self.alpha * (ratings / 5.0) ** self.power


@dataclass(eq=False)
class ImplicitALS(UserModel):
    """Implicit-feedback matrix factorization (Hu, Koren & Volinsky 2008) by alternating least
    squares: every rating is a positive with confidence 1 + alpha * (r / 5) ** power, every
    other cell a zero with confidence 1. Every half-step solves its systems exactly; the last
    one solves the users, so a new user's fold-in is exactly a training user step."""

    name = "implicit MF (iALS)"

    factors: int = 64
    regularization: float = 20.0
    alpha: float = 5.0
    power: float = 2.0
    reg_per_rating: float = 0.0
    iterations: int = 10
    init_scale: float = 0.01
    seed: int = 42

    @property
    def confidence(self) -> Confidence:
        return Confidence(self.alpha, self.power)

    def _fit(self, train: Ratings) -> None:
        rng = np.random.default_rng(self.seed)
        weights = self._weights(train)
        weights_t = weights.T.tocsr()
        item = rng.normal(0.0, self.init_scale, (train.n_items, self.factors))
        reg = np.full(self.factors, self.regularization)
        per = np.full(self.factors, self.reg_per_rating)

        def users_step(item):
            return solve_rows(weights, 1.0 + weights.data, item, item.T @ item, reg, per)

        for _ in range(self.iterations):
            user = users_step(item)
            item = solve_rows(weights_t, 1.0 + weights_t.data, user, user.T @ user, reg, per)
        self.item_factors_ = item
        self.user_factors_ = users_step(item)
        self.gram_ = item.T @ item

    def _weights(self, train: Ratings) -> sp.csr_matrix:
        """Users x items: each rating's confidence minus one."""
        weights = train.matrix.copy()
        weights.data = self.confidence.of(weights.data)
        return weights

    def _scores(self, users):
        return self.user_factors_[users] @ self.item_factors_.T

    def fold_in(self, item_ids, ratings) -> np.ndarray:
        """Factors of a new user from (item, rating) pairs: one exact ALS user step."""
        items = self.train_.lookup(item_ids, "item")
        known = items >= 0
        return implicit_fold_in(
            self.item_factors_,
            items[known],
            self.confidence.of(np.asarray(ratings, dtype=float)[known]),
            self.regularization,
            self.reg_per_rating,
            self.gram_,
        )[0]


def implicit_fold_in(
    item_factors: np.ndarray,
    items: np.ndarray,
    confidence_minus_one: np.ndarray,
    regularization: float,
    reg_per_rating: float = 0.0,
    gram: np.ndarray | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """One iALS user step for a user who rated `items` (indices into `item_factors`).

    Returns (user factors x, W) with W = (Y'Y + Y_u'(C_u - I)Y_u + reg I)^-1, so that the score
    of item j, y_j . x, splits exactly into the contributions of the rated items:
    score_j = sum_i c_i * y_j' W y_i (`implicit_explain`).
    """
    items = np.asarray(items, dtype=np.int64)
    c = np.asarray(confidence_minus_one, dtype=float)
    d = item_factors.shape[1]
    if gram is None:
        gram = item_factors.T @ item_factors
    f = item_factors[items]
    a = gram + (f.T * c) @ f
    a[np.diag_indices(d)] += regularization + reg_per_rating * len(items)
    w = np.linalg.inv(a)
    x = w @ (f.T @ (1.0 + c))
    return x, w


def implicit_explain(
    item_factors: np.ndarray,
    w: np.ndarray,
    rated: np.ndarray,
    confidence_minus_one: np.ndarray,
    targets: np.ndarray,
) -> np.ndarray:
    """(len(targets), len(rated)) contribution of each rated item to each target's implicit
    score; each row sums to the target's score y_j . x."""
    y_rated = item_factors[rated] * (1.0 + np.asarray(confidence_minus_one))[:, None]
    return (item_factors[targets] @ w) @ y_rated.T
