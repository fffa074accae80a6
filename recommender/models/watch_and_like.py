"""The served model: implicit MF ("will the user rate it?") times a logistic of biased MF's
predicted rating ("will they like it?"). Neither part alone ranks well for a user: the first
recommends what is watched, liked or not; the second what is liked by few.

What serving stores of a fitted model (its settings and the films' side) is read from it by
`recommender.serving` (`ServingSettings.of`, `FilmSide.of`): serving depends on this module's
formula, never the other way round.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from recommender.datasets import Ratings
from recommender.models.base import UserModel
from recommender.models.ials import ImplicitALS
from recommender.models.mf import BiasedMF


@dataclass(eq=False)
class WatchAndLike(UserModel):
    """Ranks by what a user will watch *and* like: the implicit model's score (will the user
    rate the film?) times a logistic of the rating model's prediction (will they like it?),
    score = max(implicit, 0) / (1 + exp(-steepness * (predicted rating - threshold))).
    Ratings are the rating model's."""

    name = "iALS x MF (watch and like)"
    predicts_ratings = True

    implicit: ImplicitALS = field(default_factory=ImplicitALS)
    explicit: BiasedMF = field(default_factory=BiasedMF)
    threshold: float = 3.5
    steepness: float = 3.0

    def _fit(self, train: Ratings) -> None:
        self.implicit.fit(train)
        self.explicit.fit(train)

    def _predict(self, users, items):
        return self.explicit._predict(users, items)

    def _scores(self, users):
        return combine_watch_like(
            self.implicit._scores(users),
            self.explicit._scores(users),
            self.threshold,
            self.steepness,
        )


def combine_watch_like(
    implicit_scores: np.ndarray, predicted_ratings: np.ndarray, threshold: float, steepness: float
) -> np.ndarray:
    """max(implicit, 0) * logistic(steepness * (predicted rating - threshold))."""
    like = 1.0 / (1.0 + np.exp(-steepness * (predicted_ratings - threshold)))
    return np.maximum(implicit_scores, 0.0) * like
