"""Biased matrix factorization for rating prediction, fitted by alternating least squares, and
the ALS row solver it shares with the implicit model (`ials.py`): both alternate exact ridge
solves over users and items, so one vectorised solver serves both and the fold-in of a new
user is exactly a training step.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp
from threadpoolctl import threadpool_limits

from recommender.datasets import Ratings
from recommender.models.base import UserModel

#: Largest (columns x d x d) outer-product table built to solve every row at once.
MAX_OUTER_VALUES = 2**23


def solve_rows(
    weights: sp.csr_matrix,
    targets: np.ndarray,
    factors: np.ndarray,
    gram: np.ndarray | None,
    reg_constant: np.ndarray,
    reg_per_entry: np.ndarray,
    block: int = 1024,
) -> np.ndarray:
    """Ridge solutions x_r, one per row of `weights` (rows x cols), over `factors` (cols x d):

        (gram + sum_j w_rj f_j f_j' + diag(reg_constant + n_r reg_per_entry)) x_r
            = sum_j t_rj f_j

    where j runs over the row's stored entries, n_r is their number and `targets` holds t_rj
    aligned with `weights.data`. Explicit ALS passes w = 1, t = residual and no gram;
    implicit ALS passes w = confidence - 1, t = confidence and gram = F'F (the zeros of
    every other cell). A row without entries gets x = 0.

    When cols x d x d is small enough every row's matrix comes from one sparse product with
    the table of outer products f_j f_j' and the systems are solved in batches; otherwise row
    by row (few rows with many entries each, e.g. users against a large catalogue).
    """
    with threadpool_limits(limits=1, user_api="blas"):  # small products: threads only cost
        return _solve_rows_serial(
            weights, targets, factors, gram, reg_constant, reg_per_entry, block
        )


def _solve_rows_serial(weights, targets, factors, gram, reg_constant, reg_per_entry, block):
    n_rows, n_cols = weights.shape
    d = factors.shape[1]
    counts = np.diff(weights.indptr)
    reg = reg_constant[None, :] + counts[:, None] * reg_per_entry[None, :]
    rhs = sp.csr_matrix((targets, weights.indices, weights.indptr), shape=weights.shape) @ factors
    out = np.zeros((n_rows, d))
    diag = np.arange(d)
    if n_cols * d * d <= MAX_OUTER_VALUES:
        outer = (factors[:, :, None] * factors[:, None, :]).reshape(n_cols, d * d)
        for start in range(0, n_rows, block):
            stop = min(start + block, n_rows)
            rows = np.flatnonzero(counts[start:stop]) + start
            if len(rows) == 0:
                continue
            a = np.asarray(weights[rows] @ outer).reshape(len(rows), d, d)
            if gram is not None:
                a += gram
            a[:, diag, diag] += reg[rows]
            out[rows] = np.linalg.solve(a, rhs[rows][:, :, None])[:, :, 0]
        return out
    indptr, indices, wdata = weights.indptr, weights.indices, weights.data
    for row in np.flatnonzero(counts):
        lo, hi = indptr[row], indptr[row + 1]
        f = factors[indices[lo:hi]]
        a = (f.T * wdata[lo:hi]) @ f
        if gram is not None:
            a += gram
        a[diag, diag] += reg[row]
        out[row] = np.linalg.solve(a, rhs[row])
    return out


@dataclass(eq=False)
class BiasedMF(UserModel):
    """Biased matrix factorization, rating = mu + b_u + b_i + p_u . q_i, fitted by alternating
    least squares: each half-step solves every row's bias and factors together as a ridge
    regression on the residual r - mu - (the other side's bias). The penalty of a row with n
    ratings is `reg_bias` on the bias and `reg_factors` + `reg_factors_per_rating` * n on
    each factor (the second term is ALS-WR's weighted regularization)."""

    name = "biased MF (ALS)"
    predicts_ratings = True

    factors: int = 16
    reg_factors: float = 8.0
    reg_factors_per_rating: float = 0.05
    reg_bias: float = 3.0
    iterations: int = 15
    init_scale: float = 0.1
    seed: int = 42

    def _regularization(self) -> tuple[np.ndarray, np.ndarray]:
        constant = np.r_[self.reg_bias, np.full(self.factors, self.reg_factors)]
        per_rating = np.r_[0.0, np.full(self.factors, self.reg_factors_per_rating)]
        return constant, per_rating

    def _fit(self, train: Ratings) -> None:
        rng = np.random.default_rng(self.seed)
        mu = float(train.ratings.mean())
        by_user = train.matrix  # users x items, ratings
        by_item = by_user.T.tocsr()
        user = rng.normal(0.0, self.init_scale, (train.n_users, self.factors))
        item = rng.normal(0.0, self.init_scale, (train.n_items, self.factors))
        b_u = np.zeros(train.n_users)
        b_i = np.zeros(train.n_items)
        for _ in range(self.iterations):
            b_i, item = self._half_step(by_item, mu, b_u, user)
            b_u, user = self._half_step(by_user, mu, b_i, item)
        self.mean_, self.user_bias_, self.item_bias_ = mu, b_u, b_i
        self.user_factors_, self.item_factors_ = user, item

    def _half_step(self, matrix, mu, other_bias, other_factors):
        """Solve (bias, factors) of every row given the other side's."""
        residual = matrix.data - mu - other_bias[matrix.indices]
        ones = sp.csr_matrix((np.ones_like(residual), matrix.indices, matrix.indptr), matrix.shape)
        features = np.hstack([np.ones((len(other_factors), 1)), other_factors])
        constant, per_rating = self._regularization()
        solved = solve_rows(ones, residual, features, None, constant, per_rating)
        return solved[:, 0], solved[:, 1:]

    def fold_in(self, item_ids, ratings) -> tuple[float, np.ndarray]:
        """(bias, factors) of a new user from their ratings: one exact ALS user step."""
        items = self.train_.lookup(item_ids, "item")
        known = items >= 0
        return biased_fold_in(
            self.mean_,
            self.item_bias_[items[known]],
            self.item_factors_[items[known]],
            np.asarray(ratings, dtype=float)[known],
            *self._regularization(),
        )

    def _predict(self, users, items):
        known_u, known_i = users >= 0, items >= 0
        u, i = np.where(known_u, users, 0), np.where(known_i, items, 0)
        b_u = np.where(known_u, self.user_bias_[u], 0.0)
        b_i = np.where(known_i, self.item_bias_[i], 0.0)
        dot = np.einsum("ij,ij->i", self.user_factors_[u], self.item_factors_[i])
        return self.mean_ + b_u + b_i + np.where(known_u & known_i, dot, 0.0)

    def _scores(self, users):
        return (
            self.user_bias_[users, None]
            + self.item_bias_[None, :]
            + self.user_factors_[users] @ self.item_factors_.T
        ) + self.mean_


def biased_fold_in(
    mean: float,
    item_bias: np.ndarray,
    item_factors: np.ndarray,
    ratings: np.ndarray,
    reg_constant: np.ndarray,
    reg_per_rating: np.ndarray,
) -> tuple[float, np.ndarray]:
    """(bias, factors) of a user who gave `ratings` to items with these biases and factors."""
    d = item_factors.shape[1]
    if len(ratings) == 0:
        return 0.0, np.zeros(d)
    features = np.hstack([np.ones((len(ratings), 1)), item_factors])
    target = ratings - mean - item_bias
    a = features.T @ features + np.diag(reg_constant + reg_per_rating * len(ratings))
    solved = np.linalg.solve(a, features.T @ target)
    return float(solved[0]), solved[1:]
