"""Content-based "similar items": a weighted sum of per-block similarities, top-k per item.

score(i, j) = sum_b w_b * sim_b(i, j) / sum_b w_b, each sim_b in [0, 1] (a dot product of
unit rows, see recommender/features.py), so scores are in [0, 1]. All blocks with few columns are
concatenated, scaled by sqrt(w_b), into one dense matrix (one BLAS product per chunk); the
wide ones into one sparse matrix (one sparse product per chunk). Items are scored a chunk of
rows at a time against all items (chunk x n, never n x n) and only the k best are kept.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pandas as pd
import scipy.sparse as sp

from recommender.features import ItemFeatures

DENSE_COLUMNS = 512

# Content blocks chosen on the films with an even id (`python -m recommender evaluate-similar
# --search`: coordinate ascent on the mean of collection recall@10, names off, and co-like hit
# rate@10); figures are reported on the odd ids (README, "Similar movies"). Two blocks carry
# names and are kept apart from that search: `title` (every title word) is off, because a
# shared common word ("Now", "Club", "Beauty") made one neighbour in five a false friend;
# `franchise` (a stem that a numbered or subtitled sequel shares, features.franchise_keys)
# links what a collection tag misses. `ratings` (item factors of user-centred MovieLens
# ratings) weighs as much as one content block: on the even films, weights 0 / 0.5 / 1 / 2 / 4
# gave co-like hit rate@10 0.455 / 0.497 / 0.516 / 0.435 / 0.370 for collection recall@10
# (names off) 0.588 / 0.587 / 0.580 / 0.555 / 0.520.
# `text` (overview + tagline) cannot be tuned on the shared copy, where overviews are empty;
# it keeps the weight of the other text block.
MOVIE_WEIGHTS: dict[str, float] = {
    "genres": 1.0,
    "keywords": 2.0,
    "directors": 0.5,
    "cast": 0.5,
    "companies": 0.0,
    "collection": 1.0,
    "language": 0.5,
    "decade": 0.5,
    "title": 0.0,
    "franchise": 1.0,
    "text": 2.0,
    "ratings": 1.0,
    "popularity": 1.0,
}

# The same engine on the streaming catalogues, whose rows carry real text (description, with
# the title's own words taken out: features.without_own_title). No collections, keywords or
# ratings here, so names weigh more: on same-director recovery (directors off) and the
# title-only rate of the 1,000 best-scored titles, cast 1 -> 3 and text 1 -> 0.25 took recall@10
# 0.232 -> 0.274 and the title-only rate 3.1 % -> 1.96 %; franchise 0.25 keeps sequels close
# without letting "Nova: ..." or "... en español" pull unrelated titles. `work` (the same title
# and year on another platform) at 0.5 puts the other copies of a film first even where a copy
# lists no cast (1.0: 2.09 % title-only, since a copy without cast counts as title-only).
STREAMING_WEIGHTS: dict[str, float] = {
    "genres": 1.0,
    "cast": 3.0,
    "directors": 1.0,
    "countries": 0.5,
    "title": 0.0,
    "franchise": 0.25,
    "work": 0.5,
    "text": 0.25,
    "type": 0.5,
    "decade": 0.5,
}


class Scorer:
    """The weighted blocks of one configuration, prepared once for many chunks."""

    def __init__(self, features: ItemFeatures, weights: Mapping[str, float]) -> None:
        dense, wide = [], []
        total = 0.0
        for name, block in features.blocks.items():
            weight = float(weights.get(name, 0.0))
            if weight <= 0:
                continue
            total += weight
            if block.shape[1] <= DENSE_COLUMNS:
                array = block.toarray() if sp.issparse(block) else np.asarray(block)
                dense.append(np.sqrt(weight) * array)
            else:
                wide.append(np.sqrt(weight) * block)
        self.prior = None
        weight = float(weights.get("popularity", 0.0))
        if weight > 0 and features.prior is not None:
            self.prior = weight * features.prior
            total += weight
        self.total = total or 1.0
        self.dense = np.hstack(dense) if dense else None
        self.dense_t = np.ascontiguousarray(self.dense.T) if dense else None
        self.dense32 = self.dense.astype(np.float32) if dense else None
        self.wide = sp.hstack(wide, format="csr") if wide else None
        self.wide_t = self.wide.T.tocsr() if wide else None
        self.n = len(features)

    def scores(self, rows: np.ndarray) -> np.ndarray:
        """Scores of `rows` against every item: len(rows) x n, the item itself at -inf."""
        if self.dense is not None:
            scores = self.dense[rows] @ self.dense_t
        else:
            scores = np.zeros((len(rows), self.n))
        if self.wide is not None:
            product = (self.wide[rows] @ self.wide_t).tocoo()
            scores[product.row, product.col] += product.data  # canonical: no repeated cells
        if self.prior is not None:
            scores += self.prior[None, :]
        scores /= self.total
        # Rounded so that equal scores compare equal and ties break on item order, the same
        # way on every run (BLAS may sum in a different order across machines).
        np.round(scores, 9, out=scores)
        np.clip(scores, 0.0, 1.0, out=scores)
        scores[np.arange(len(rows)), rows] = -np.inf
        return scores

    def best_of_pairs(
        self, block: np.ndarray, marks: sp.csr_matrix, wide: sp.csr_matrix | None, k: int
    ) -> tuple[np.ndarray, np.ndarray]:
        """Top k of each row of `block` among its candidates (the non-zero cells of `marks`,
        block x items), scored by the model's formula: `wide` is the exact product of the
        block's wide rows with every item (sparse), the dense part is computed per pair (in
        float32: candidates are few, the all-pairs product is what costs). A row with fewer
        than k candidates besides itself is scored against every item instead."""
        pairs = marks.tocoo()
        local, cols = pairs.row.astype(np.int64), pairs.col.astype(np.int64)
        order = np.lexsort((cols, local))
        local, cols = local[order], cols[order]
        values = np.zeros(len(cols))
        if wide is not None:
            picked = wide.multiply(marks).tocsr()
            picked.sort_indices()
            found_cells = picked.tocoo()
            # both lists are sorted by (row, column), and picked's cells are a subset
            keys = found_cells.row.astype(np.int64) * self.n + found_cells.col
            at = np.searchsorted(local * self.n + cols, keys)
            values[at] = found_cells.data
        if self.dense is not None:
            dense32 = self.dense32
            values += np.einsum("ij,ij->i", dense32[block[local]], dense32[cols])
        if self.prior is not None:
            values += self.prior[cols]
        values /= self.total
        np.round(values, 9, out=values)
        np.clip(values, 0.0, 1.0, out=values)
        values[block[local] == cols] = -np.inf
        order = np.lexsort((cols, -values, local))
        local, cols, values = local[order], cols[order], values[order]
        counts = np.bincount(local[np.isfinite(values)], minlength=len(block))
        starts = np.searchsorted(local, np.arange(len(block)))
        take = np.minimum(starts[:, None] + np.arange(k)[None, :], max(len(cols) - 1, 0))
        found = cols[take] if len(cols) else np.zeros((len(block), k), dtype=np.int64)
        best = values[take] if len(cols) else np.zeros((len(block), k))
        short = np.flatnonzero(counts < k)
        if len(short):
            found[short], best[short] = best_k(self.scores(block[short]), k)
        return found, best


def best_k(scores: np.ndarray, k: int, groups: int = 128) -> tuple[np.ndarray, np.ndarray]:
    """Positions and values of the k largest scores of each row, by score descending then
    position ascending (exact, deterministic ties).

    Cheaper than a full argpartition of every row: the k-th largest of the column groups'
    maxima is a lower bound of each row's k-th largest score (k different groups each hold a
    score at least that high), so only scores at or above it are candidates, and they are
    few. Each row must have at least k finite scores."""
    m, n = scores.shape
    groups = max(k, min(groups, n // 2))
    width = n // groups
    maxima = scores[:, : groups * width].reshape(m, groups, width).max(axis=2)
    if groups * width < n:
        maxima = np.hstack([maxima, scores[:, groups * width :].max(axis=1, keepdims=True)])
    floor = np.partition(maxima, maxima.shape[1] - k, axis=1)[:, maxima.shape[1] - k]
    rows, cols = np.nonzero(scores >= floor[:, None])
    values = scores[rows, cols]
    order = np.lexsort((cols, -values, rows))
    rows, cols, values = rows[order], cols[order], values[order]
    starts = np.searchsorted(rows, np.arange(m))
    take = starts[:, None] + np.arange(k)[None, :]
    return cols[take], values[take]


#: Catalogues up to this size are scored all-pairs: exact, and at 1x (45k films, 23k titles) no
#: slower than the candidate path (bench/similar_recall.py); larger
#: ones through candidates (recommender/models/candidates.py).
EXACT_UP_TO = 50_000


def top_k(
    features: ItemFeatures,
    weights: Mapping[str, float],
    k: int = 20,
    rows: np.ndarray | None = None,
    chunk: int = 512,
    progress: Callable[[int, int], None] | None = None,
    exact: bool | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """The k best neighbours (item positions) and their scores for each of `rows`, best first;
    ties broken by item position (ids are sorted, so by smaller id). `exact` (default: only
    for catalogues up to EXACT_UP_TO items) scores all pairs; otherwise candidates from an
    HNSW index and the posting lists are scored exactly (candidates.py)."""
    scorer = Scorer(features, weights)
    rows = np.arange(len(features)) if rows is None else np.asarray(rows)
    n = len(features)
    k = min(k, n - 1)
    if not (n <= EXACT_UP_TO if exact is None else exact):
        from recommender.models.candidates import DENSE_CANDIDATES, candidate_top_k

        return candidate_top_k(
            scorer, k, rows, progress=progress, dense_count=max(DENSE_CANDIDATES, k + 28)
        )
    neighbours = np.empty((len(rows), k), dtype=np.int64)
    best = np.empty((len(rows), k), dtype=np.float64)

    def one_chunk(start: int) -> int:
        block = rows[start : start + chunk]
        found, values = best_k(scorer.scores(block), k)
        neighbours[start : start + len(block)] = found
        best[start : start + len(block)] = values
        return len(block)

    # NumPy and SciPy release the GIL in the heavy calls, so chunks run on every core; each
    # chunk writes its own rows, so the result does not depend on scheduling.
    done = 0
    with ThreadPoolExecutor(max_workers=min(2, os.cpu_count() or 1)) as pool:
        for size in pool.map(one_chunk, range(0, len(rows), chunk)):
            done += size
            if progress is not None:
                progress(done, len(rows))
    return neighbours, best


def neighbours_frame(
    features: ItemFeatures,
    neighbours: np.ndarray,
    scores: np.ndarray,
    id_name: str,
    neighbour_name: str,
) -> pd.DataFrame:
    """Long table (item, rank 1..k, neighbour, score) from top_k's arrays."""
    n, k = neighbours.shape
    return pd.DataFrame(
        {
            id_name: np.repeat(features.ids, k),
            "rank": np.tile(np.arange(1, k + 1, dtype=np.int64), n),
            neighbour_name: features.ids[neighbours.ravel()],
            "score": scores.ravel(),
        }
    )
