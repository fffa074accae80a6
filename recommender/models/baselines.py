"""Baselines every learned model must beat: the global mean and user + item biases (rating
prediction), the most rated items (ranking). Cheap and deterministic, they anchor the
evaluation table and `fit_biases` is the bias part the matrix factorizations refine.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from recommender.datasets import Ratings
from recommender.models.base import UserModel


class GlobalMean(UserModel):
    """Every rating predicted as the mean training rating."""

    name = "global mean"
    predicts_ratings = True
    ranks = False

    def _fit(self, train: Ratings) -> None:
        self.mean_ = float(train.ratings.mean())

    def _predict(self, users, items):
        return np.full(len(users), self.mean_)


def fit_biases(
    train: Ratings, reg_user: float, reg_item: float, iterations: int, mean: float | None = None
) -> tuple[float, np.ndarray, np.ndarray]:
    """Regularised user and item biases by alternating least squares (Koren 2010, sec. 2.1)."""
    mu = float(train.ratings.mean()) if mean is None else mean
    u, i, r = train.user_index, train.item_index, train.ratings
    n_u = np.bincount(u, minlength=train.n_users)
    n_i = np.bincount(i, minlength=train.n_items)
    b_u = np.zeros(train.n_users)
    b_i = np.zeros(train.n_items)
    for _ in range(iterations):
        b_i = np.bincount(i, r - mu - b_u[u], minlength=train.n_items) / (reg_item + n_i)
        b_u = np.bincount(u, r - mu - b_i[i], minlength=train.n_users) / (reg_user + n_u)
    return mu, b_u, b_i


@dataclass(eq=False)
class Biases(UserModel):
    """Rating = global mean + user bias + item bias; ranks by item bias."""

    name = "user + item biases"
    predicts_ratings = True

    reg_user: float = 5.0
    reg_item: float = 3.0
    iterations: int = 10

    def _fit(self, train: Ratings) -> None:
        self.mean_, self.user_bias_, self.item_bias_ = fit_biases(
            train, self.reg_user, self.reg_item, self.iterations
        )

    def _predict(self, users, items):
        b_u = np.where(users >= 0, self.user_bias_[users], 0.0)
        b_i = np.where(items >= 0, self.item_bias_[items], 0.0)
        return self.mean_ + b_u + b_i

    def _scores(self, users):
        return np.broadcast_to(self.item_bias_, (len(users), len(self.item_bias_))).copy()


class MostPopular(UserModel):
    """Items by number of training ratings."""

    name = "most popular"

    def _fit(self, train: Ratings) -> None:
        self.popularity_ = np.bincount(train.item_index, minlength=train.n_items).astype(float)

    def _scores(self, users):
        return np.broadcast_to(self.popularity_, (len(users), len(self.popularity_))).copy()
