"""User recommenders with one interface (numpy / scipy only).

Every model is fitted on a `datasets.Ratings` and then answers with *ids*, never indices:

- `fit(train)` -> self;
- `predict(user_ids, item_ids)` -> predicted ratings (models with `predicts_ratings`); an
  unknown user or item falls back to what the model knows (biases, then the global mean);
- `recommend(user_ids, k, exclude_seen=True)` -> (item ids, scores), each (users, k), the
  items of the training catalogue ranked for each user, padded with -1 / NaN when a user has
  fewer than k candidates (models with `ranks`); ties are broken by item id.

Models: `GlobalMean`, `Biases` (user + item biases), `MostPopular`, `ItemKNN` (cosine),
`BiasedMF` (biased matrix factorization by alternating least squares), `EASE` and
`ImplicitALS` (implicit-feedback matrix factorization, Hu, Koren & Volinsky 2008, with exact
fold-in of a new user and a per-film explanation of each score).

Fits are deterministic: random initial factors come from `numpy.random.default_rng(seed)`.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import numpy as np
import scipy.linalg
import scipy.sparse as sp
from threadpoolctl import threadpool_limits

from recommender.datasets import Ratings

#: Users scored per batch when ranking.
BATCH_USERS = 512


# -- the interface ----------------------------------------------------------------------------


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


# -- rating baselines ---------------------------------------------------------------------------


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


class Biases(UserModel):
    """Rating = global mean + user bias + item bias; ranks by item bias."""

    name = "user + item biases"
    predicts_ratings = True

    def __init__(self, reg_user: float = 5.0, reg_item: float = 3.0, iterations: int = 10):
        self.reg_user = reg_user
        self.reg_item = reg_item
        self.iterations = iterations

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


# -- ranking baselines --------------------------------------------------------------------------


class MostPopular(UserModel):
    """Items by number of training ratings."""

    name = "most popular"

    def _fit(self, train: Ratings) -> None:
        self.popularity_ = np.bincount(train.item_index, minlength=train.n_items).astype(float)

    def _scores(self, users):
        return np.broadcast_to(self.popularity_, (len(users), len(self.popularity_))).copy()


def binary_matrix(train: Ratings) -> sp.csr_matrix:
    matrix = train.matrix.copy()
    matrix.data = np.ones_like(matrix.data)
    return matrix


class ItemKNN(UserModel):
    """Item-based kNN: cosine similarity of items' binary rating vectors, each item's
    `neighbours` most similar kept; a user's score for j = sum of sim(i, j) over rated i."""

    name = "item-kNN cosine"

    def __init__(self, neighbours: int = 200, block: int = 2048):
        self.neighbours = neighbours
        self.block = block

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


# -- matrix factorization -----------------------------------------------------------------------


#: Largest (columns x d x d) outer-product table built to solve every row at once.
MAX_OUTER_VALUES = 2**23


def _solve_rows(
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


class BiasedMF(UserModel):
    """Biased matrix factorization, rating = mu + b_u + b_i + p_u . q_i, fitted by alternating
    least squares: each half-step solves every row's bias and factors together as a ridge
    regression on the residual r - mu - (the other side's bias). The penalty of a row with n
    ratings is `reg_bias` on the bias and `reg_factors` + `reg_factors_per_rating` * n on
    each factor (the second term is ALS-WR's weighted regularization)."""

    name = "biased MF (ALS)"
    predicts_ratings = True

    def __init__(
        self,
        factors: int = 16,
        reg_factors: float = 8.0,
        reg_factors_per_rating: float = 0.05,
        reg_bias: float = 3.0,
        iterations: int = 15,
        init_scale: float = 0.1,
        seed: int = 42,
    ):
        self.factors = factors
        self.reg_factors = reg_factors
        self.reg_factors_per_rating = reg_factors_per_rating
        self.reg_bias = reg_bias
        self.iterations = iterations
        self.init_scale = init_scale
        self.seed = seed

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
        solved = _solve_rows(ones, residual, features, None, constant, per_rating)
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


class EASE(UserModel):
    """Embarrassingly shallow autoencoder (Steck 2019): B = I - P / diag(P),
    P = (X'X + l2 I)^-1 on binary X, zero diagonal; score = x_u B. With `min_item_ratings`
    > 1 only films with that many training ratings are in B (the others rank last), which
    shrinks the cubic inversion."""

    name = "EASE"

    def __init__(self, l2: float = 500.0, min_item_ratings: int = 1):
        self.l2 = l2
        self.min_item_ratings = min_item_ratings

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


@dataclass(frozen=True)
class Confidence:
    """Implicit feedback from ratings: every rating is a positive with confidence
    1 + alpha * (rating / 5) ** power (power 0: 1 + alpha for every rating)."""

    alpha: float
    power: float = 0.0

    def of(self, ratings: np.ndarray) -> np.ndarray:
        ratings = np.asarray(ratings, dtype=float)
        return self.alpha * (ratings / 5.0) ** self.power


class ImplicitALS(UserModel):
    """Implicit-feedback matrix factorization (Hu, Koren & Volinsky 2008) by alternating least
    squares: every rating is a positive with confidence 1 + alpha * (r / 5) ** power, every
    other cell a zero with confidence 1. Every half-step solves its systems exactly; the last
    one solves the users, so a new user's fold-in is exactly a training user step."""

    name = "implicit MF (iALS)"

    def __init__(
        self,
        factors: int = 64,
        regularization: float = 20.0,
        alpha: float = 5.0,
        power: float = 2.0,
        reg_per_rating: float = 0.0,
        iterations: int = 10,
        init_scale: float = 0.01,
        seed: int = 42,
    ):
        self.factors = factors
        self.regularization = regularization
        self.reg_per_rating = reg_per_rating
        self.alpha = alpha
        self.power = power
        self.iterations = iterations
        self.init_scale = init_scale
        self.seed = seed

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
            return _solve_rows(weights, 1.0 + weights.data, item, item.T @ item, reg, per)

        for _ in range(self.iterations):
            user = users_step(item)
            item = _solve_rows(weights_t, 1.0 + weights_t.data, user, user.T @ user, reg, per)
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


class WatchAndLike(UserModel):
    """Ranks by what a user will watch *and* like: the implicit model's score (will the user
    rate the film?) times a logistic of the rating model's prediction (will they like it?),
    score = max(implicit, 0) / (1 + exp(-steepness * (predicted rating - threshold))).
    Ratings are the rating model's."""

    name = "iALS x MF (watch and like)"
    predicts_ratings = True

    def __init__(
        self,
        implicit: ImplicitALS | None = None,
        explicit: BiasedMF | None = None,
        threshold: float = 3.5,
        steepness: float = 3.0,
    ):
        self.implicit = implicit if implicit is not None else ImplicitALS()
        self.explicit = explicit if explicit is not None else BiasedMF()
        self.threshold = threshold
        self.steepness = steepness

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

    # -- what serving needs: the films' side and the settings of a user step -----------------

    def settings(self) -> ServingSettings:
        implicit, explicit = self.implicit, self.explicit
        return ServingSettings(
            global_mean=explicit.mean_,
            rating_reg_bias=explicit.reg_bias,
            rating_reg_factors=explicit.reg_factors,
            rating_reg_factors_per_rating=explicit.reg_factors_per_rating,
            implicit_regularization=implicit.regularization,
            implicit_reg_per_rating=implicit.reg_per_rating,
            implicit_alpha=implicit.alpha,
            implicit_power=implicit.power,
            like_threshold=self.threshold,
            like_steepness=self.steepness,
        )

    def films(self) -> FilmSide:
        return FilmSide(
            rating_bias=self.explicit.item_bias_,
            rating_factors=self.explicit.item_factors_,
            implicit_factors=self.implicit.item_factors_,
        )


def combine_watch_like(
    implicit_scores: np.ndarray, predicted_ratings: np.ndarray, threshold: float, steepness: float
) -> np.ndarray:
    """max(implicit, 0) * logistic(steepness * (predicted rating - threshold))."""
    like = 1.0 / (1.0 + np.exp(-steepness * (predicted_ratings - threshold)))
    return np.maximum(implicit_scores, 0.0) * like


# -- serving the watch-and-like model from its stored factors -----------------------------------
#
# The build stores the films' side (biases and factors) and these settings; a user's side is
# one exact ALS user step from their ratings, so a training user's stored factors and a new
# user's fold-in come from the same function, and the API never trains.


@dataclass(frozen=True)
class ServingSettings:
    """Everything a user step and the combined score need besides the films' factors."""

    global_mean: float
    rating_reg_bias: float
    rating_reg_factors: float
    rating_reg_factors_per_rating: float
    implicit_regularization: float
    implicit_reg_per_rating: float
    implicit_alpha: float
    implicit_power: float
    like_threshold: float
    like_steepness: float


@dataclass(frozen=True)
class FilmSide:
    """The films' side of the watch-and-like model, one row per film of the training data."""

    rating_bias: np.ndarray  # (films,)
    rating_factors: np.ndarray  # (films, rating factors)
    implicit_factors: np.ndarray  # (films, implicit factors)

    @cached_property
    def implicit_gram(self) -> np.ndarray:
        return self.implicit_factors.T @ self.implicit_factors

    def __len__(self) -> int:
        return len(self.rating_bias)


@dataclass(frozen=True)
class UserSide:
    """A user's side, from their ratings of films (indices into a FilmSide)."""

    rated: np.ndarray
    ratings: np.ndarray
    confidence: np.ndarray  # confidence minus one of each rated film
    rating_bias: float
    rating_factors: np.ndarray
    implicit_factors: np.ndarray
    implicit_inverse: np.ndarray  # W of implicit_fold_in

    def predicted_ratings(self, settings: ServingSettings, films: FilmSide) -> np.ndarray:
        return (
            settings.global_mean
            + self.rating_bias
            + films.rating_bias
            + films.rating_factors @ self.rating_factors
        )

    def implicit_scores(self, films: FilmSide) -> np.ndarray:
        return films.implicit_factors @ self.implicit_factors

    def scores(self, settings: ServingSettings, films: FilmSide) -> np.ndarray:
        return combine_watch_like(
            self.implicit_scores(films),
            self.predicted_ratings(settings, films),
            settings.like_threshold,
            settings.like_steepness,
        )

    def explain(self, films: FilmSide, targets: np.ndarray) -> np.ndarray:
        """(targets, rated) contributions of each rated film to each target's implicit score."""
        return implicit_explain(
            films.implicit_factors, self.implicit_inverse, self.rated, self.confidence, targets
        )


def user_step(
    settings: ServingSettings, films: FilmSide, rated: np.ndarray, ratings: np.ndarray
) -> UserSide:
    """The user's side from their ratings of `rated` films: the same ALS user step as the
    last one of training, for both parts of the model."""
    rated = np.asarray(rated, dtype=np.int64)
    ratings = np.asarray(ratings, dtype=float)
    confidence = Confidence(settings.implicit_alpha, settings.implicit_power).of(ratings)
    implicit, inverse = implicit_fold_in(
        films.implicit_factors,
        rated,
        confidence,
        settings.implicit_regularization,
        settings.implicit_reg_per_rating,
        films.implicit_gram,
    )
    d = films.rating_factors.shape[1]
    bias, factors = biased_fold_in(
        settings.global_mean,
        films.rating_bias[rated],
        films.rating_factors[rated],
        ratings,
        np.r_[settings.rating_reg_bias, np.full(d, settings.rating_reg_factors)],
        np.r_[0.0, np.full(d, settings.rating_reg_factors_per_rating)],
    )
    return UserSide(
        rated=rated,
        ratings=ratings,
        confidence=confidence,
        rating_bias=bias,
        rating_factors=factors,
        implicit_factors=implicit,
        implicit_inverse=inverse,
    )


@dataclass(frozen=True)
class Recommendation:
    film: int  # index into the FilmSide
    score: float
    because: list[int]  # indices into the FilmSide of the rated films that led to it


def recommend_films(
    settings: ServingSettings,
    films: FilmSide,
    user: UserSide,
    candidates: np.ndarray,
    k: int,
    nameable: np.ndarray | None = None,
    reasons: int = 3,
) -> list[Recommendation]:
    """The user's top-k films among `candidates` (a boolean mask over films; rated films are
    never recommended), each with up to `reasons` rated films that led to it: among the rated
    films with a positive contribution to its implicit score (and `nameable`), the ones the
    user liked (rating >= the like threshold) first, each group by contribution."""
    scores = user.scores(settings, films)
    allowed = np.asarray(candidates, dtype=bool).copy()
    allowed[user.rated] = False
    scores = np.where(allowed, scores, -np.inf)
    top = top_k(scores[None, :], min(k, int(allowed.sum())))[0]
    if len(top) == 0:
        return []
    contributions = user.explain(films, top)
    if nameable is not None:
        contributions = np.where(nameable[user.rated][None, :], contributions, -np.inf)
    disliked = user.ratings < settings.like_threshold
    out = []
    for row, film in enumerate(top):
        positive = contributions[row] > 0
        order = np.lexsort((user.rated, -contributions[row], disliked))
        because = [int(user.rated[i]) for i in order if positive[i]][:reasons]
        out.append(Recommendation(film=int(film), score=float(scores[film]), because=because))
    return out


def reason_text(rated_titles: list[tuple[str, float]]) -> str:
    """'Because you rated Heat (5.0), Casino (4.5) and Goodfellas (4.0)'."""
    if not rated_titles:
        return "Popular with viewers whose ratings resemble yours"
    named = [f"{title} ({rating:.1f})" for title, rating in rated_titles]
    listed = named[0] if len(named) == 1 else ", ".join(named[:-1]) + " and " + named[-1]
    return f"Because you rated {listed}"


# -- the models of the evaluation table ------------------------------------------------------

#: Hyper-parameters chosen on the validation split (the protocol's split applied to train);
#: see README "Recommendations for users" for the grid.
MODELS = {
    "global mean": GlobalMean,
    "user + item biases": Biases,
    "most popular": MostPopular,
    "item-kNN cosine": ItemKNN,
    "EASE (l2 = 500)": EASE,
    "biased MF (ALS)": BiasedMF,
    "implicit MF (iALS)": ImplicitALS,
    "iALS x MF (watch and like)": WatchAndLike,
}

#: The model the build trains and serves (ratings: its MF part; rankings: the product).
SERVED_MODEL = "iALS x MF (watch and like)"


def make_model(name: str) -> UserModel:
    return MODELS[name]()
