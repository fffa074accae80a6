"""The interface every user model shares, so that the evaluation, the CLI and the build can
take any of them: fit on a `datasets.Ratings`, then answer with *ids*, never indices.

- `fit(train)` -> self;
- `predict(user_ids, item_ids)` -> predicted ratings (models with `predicts_ratings`); an
  unknown user or item falls back to what the model knows (biases, then the global mean);
- `recommend(user_ids, k, exclude_seen=True)` -> (item ids, scores), each (users, k), the
  items of the training catalogue ranked for each user, padded with -1 / NaN when a user has
  fewer than k candidates (models with `ranks`); ties are broken by item id.

A model only writes `_fit`, `_scores` and (when it predicts ratings) `_predict`: batching,
cold users, excluding seen items and the exact tie-break live here once. Each model is a
dataclass of its hyper-parameters (`eq=False`: two models are the same only if identical), so
a hyper-parameter and its tuned default are written once and show in the model's repr.

Fits are deterministic: random initial factors come from `numpy.random.default_rng(seed)`.
"""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp

from recommender.datasets import Ratings

#: Users scored per batch when ranking (bounds the users x items score matrix in memory).
BATCH_USERS = 512


class UserModel:
    """Common fit / predict / recommend; subclasses implement `_fit`, `_scores` and, when they
    predict ratings, `_predict`."""

    name = "model"
    predicts_ratings = False
    ranks = True

    train_: Ratings

    def fit(self, train: Ratings) -> UserModel:
        self.train_ = train
        self._fit(train)
        return self

    def _fit(self, train: Ratings) -> None:
        raise NotImplementedError

    # ratings ---------------------------------------------------------------------------------

    def predict(self, user_ids, item_ids) -> np.ndarray:
        """Predicted ratings for (user id, item id) pairs (unclipped)."""
        if not self.predicts_ratings:
            raise NotImplementedError(f"{self.name} does not predict ratings")
        users = self.train_.lookup(user_ids, "user")
        items = self.train_.lookup(item_ids, "item")
        return self._predict(users, items)

    def _predict(self, users: np.ndarray, items: np.ndarray) -> np.ndarray:
        raise NotImplementedError

    # ranking ---------------------------------------------------------------------------------

    def _scores(self, users: np.ndarray) -> np.ndarray:
        """(len(users), n_items) ranking scores of the training catalogue for known users."""
        raise NotImplementedError

    def _cold_scores(self) -> np.ndarray:
        """Scores for a user the model has never seen: popularity."""
        return np.bincount(self.train_.item_index, minlength=self.train_.n_items).astype(float)

    def recommend(
        self, user_ids, k: int = 10, exclude_seen: bool = True
    ) -> tuple[np.ndarray, np.ndarray]:
        if not self.ranks:
            raise NotImplementedError(f"{self.name} does not rank")
        train = self.train_
        users = train.lookup(np.atleast_1d(user_ids), "user")
        k_eff = min(k, train.n_items)
        out_items = np.full((len(users), k), -1, dtype=np.int64)
        out_scores = np.full((len(users), k), np.nan)
        matrix = train.matrix
        for start in range(0, len(users), BATCH_USERS):
            batch = users[start : start + BATCH_USERS]
            known = batch >= 0
            scores = np.empty((len(batch), train.n_items))
            if known.any():
                scores[known] = self._scores(batch[known])
            if (~known).any():
                scores[~known] = self._cold_scores()
            if exclude_seen and known.any():
                seen = matrix[batch[known]]
                rows = np.flatnonzero(known)
                scores[
                    rows[np.repeat(np.arange(len(rows)), np.diff(seen.indptr))], seen.indices
                ] = -np.inf
            order = top_k(scores, k_eff)
            chosen = np.take_along_axis(scores, order, axis=1)
            valid = np.isfinite(chosen)
            out_items[start : start + len(batch), :k_eff] = np.where(valid, train.items[order], -1)
            out_scores[start : start + len(batch), :k_eff] = np.where(valid, chosen, np.nan)
        return out_items, out_scores


def top_k(scores: np.ndarray, k: int) -> np.ndarray:
    """Column indices of the k best scores per row, best first, ties by lower index."""
    n = scores.shape[1]
    if k <= 0:
        return np.empty((scores.shape[0], 0), dtype=np.int64)
    if k < n:
        # Keep everything tied with the k-th best so the tie-break by index stays exact.
        kth = -np.partition(-scores, k - 1, axis=1)[:, k - 1 : k]
        candidates = scores >= kth
        masked = np.where(candidates, scores, -np.inf)
    else:
        masked = scores
    order = np.lexsort((np.broadcast_to(np.arange(n), scores.shape), -masked), axis=1)
    return order[:, :k]


def binary_matrix(train: Ratings) -> sp.csr_matrix:
    """Users x items, 1 where rated: the neighbourhood models ignore the rating's value."""
    matrix = train.matrix.copy()
    matrix.data = np.ones_like(matrix.data)
    return matrix
