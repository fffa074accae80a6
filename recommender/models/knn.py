"""Item-based neighbourhood recommender: the classic memory-based baseline, kept sparse (only
each item's nearest neighbours) so it scales to the whole catalogue.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

from recommender.datasets import Ratings
from recommender.models.base import UserModel, binary_matrix


@dataclass(eq=False)
class ItemKNN(UserModel):
    """Item-based kNN: cosine similarity of items' binary rating vectors, each item's
    `neighbours` most similar kept; a user's score for j = sum of sim(i, j) over rated i."""

    name = "item-kNN cosine"

    neighbours: int = 200
    block: int = 2048

    def _fit(self, train: Ratings) -> None:
        x = binary_matrix(train).tocsc()
        norms = np.sqrt(np.asarray(x.sum(axis=0)).ravel())
        norms[norms == 0] = 1.0
        xt = x.T.tocsr()
        n = train.n_items
        k = min(self.neighbours, n - 1)
        rows, cols, vals = [], [], []
        for start in range(0, n, self.block):
            stop = min(start + self.block, n)
            sims = (xt @ x[:, start:stop]).toarray() / norms[:, None] / norms[None, start:stop]
            sims[np.arange(start, stop), np.arange(stop - start)] = 0.0
            if k <= 0:
                continue
            top = np.argpartition(-sims, k - 1, axis=0)[:k]  # (k, block) neighbour rows
            values = np.take_along_axis(sims, top, axis=0)
            keep = values > 0
            rows.append(top[keep])
            cols.append(np.broadcast_to(np.arange(start, stop), top.shape)[keep])
            vals.append(values[keep])
        self.similarity_ = sp.csr_matrix(
            (
                np.concatenate(vals or [[]]),
                (
                    np.concatenate(rows or [[]]).astype(int),
                    np.concatenate(cols or [[]]).astype(int),
                ),
            ),
            shape=(n, n),
        )
        self.user_items_ = binary_matrix(train)

    def _scores(self, users):
        return (self.user_items_[users] @ self.similarity_).toarray()
