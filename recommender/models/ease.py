"""EASE (Steck 2019): a closed-form item-item linear model, strong on top-N ranking from binary
feedback at the cost of one items x items inversion.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import scipy.linalg

from recommender.datasets import Ratings
from recommender.models.base import UserModel, binary_matrix


@dataclass(eq=False)
class EASE(UserModel):
    """Embarrassingly shallow autoencoder (Steck 2019): B = I - P / diag(P),
    P = (X'X + l2 I)^-1 on binary X, zero diagonal; score = x_u B. With `min_item_ratings`
    > 1 only films with that many training ratings are in B (the others rank last), which
    shrinks the cubic inversion."""

    name = "EASE"

    l2: float = 500.0
    min_item_ratings: int = 1

    def _fit(self, train: Ratings) -> None:
        x = binary_matrix(train)
        counts = np.asarray(x.sum(axis=0)).ravel()
        self.vocabulary_ = np.flatnonzero(counts >= self.min_item_ratings)
        xv = x[:, self.vocabulary_]
        gram = (xv.T @ xv).toarray()
        gram[np.diag_indices_from(gram)] += self.l2
        p = _spd_inverse(gram)
        self.weights_ = -p / np.diag(p)
        self.weights_[np.diag_indices_from(p)] = 0.0
        self.user_items_ = xv

    def _scores(self, users):
        scores = np.full((len(users), self.train_.n_items), -1e9)
        scores[:, self.vocabulary_] = self.user_items_[users] @ self.weights_
        return scores


def _spd_inverse(matrix: np.ndarray) -> np.ndarray:
    """Inverse of a symmetric positive definite matrix through its Cholesky factor."""
    factor, info = scipy.linalg.lapack.dpotrf(matrix, lower=1, clean=0)
    if info != 0:
        raise np.linalg.LinAlgError(f"matrix is not positive definite (dpotrf info {info})")
    inverse, info = scipy.linalg.lapack.dpotri(factor, lower=1)
    if info != 0:
        raise np.linalg.LinAlgError(f"dpotri failed (info {info})")
    lower = np.tril(inverse)
    return lower + np.tril(inverse, -1).T
