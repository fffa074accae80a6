"""Sub-quadratic top-k for the similar-items model: generate candidates, then score them exactly.

The exact model (`similar.top_k`) scores every item against every item: n² work, 15 s at 45k
films and about an hour at 16x. A neighbour scores high through one of two routes, and each has
a cheap candidate source:

* the **dense blocks** (genres, language, decade, the behavioural factors) plus the popularity
  prior: a maximum-inner-product search in an HNSW index (usearch) of the dense rows, with the
  prior as one more coordinate (query [x_i, 1] . item [x_j, w_p * prior_j]);
* the **wide blocks** (keywords, people, companies, collection, franchise) are sparse: a pair
  scores there only if the two items share a value, so each item's candidates are the items of
  its own values' posting lists, each list cut to its `POSTING_CAP` most-known items (a value on
  thousands of items says little, and uncut lists make the work quadratic again), and of
  those the `WIDE_CANDIDATES` with the highest wide score through the cut lists.

The union is scored with the model's exact formula (`Scorer.best_of_pairs`), so a neighbour that
is found has exactly the score the all-pairs model gives it; only a neighbour that neither
source proposes is missed. `bench/similar_recall.py` measures the recall of the top 20 against
the exact model (docs/scaling.md).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import scipy.sparse as sp

#: Dense nearest candidates per item from the HNSW index (128 gave recall@20 0.936 at 1x).
DENSE_CANDIDATES = 256
#: Items kept per posting list (by popularity prior, then position) as candidates.
POSTING_CAP = 200
#: Of the items reached through the capped posting lists, the best by their wide score.
WIDE_CANDIDATES = 256


def dense_candidates(
    dense: np.ndarray, prior: np.ndarray | None, count: int, threads: int
) -> np.ndarray:
    """For every row, the `count` rows with the largest dense score + prior (itself included
    when it ranks), by an approximate maximum-inner-product search (usearch HNSW).

    Identical rows are indexed and searched once: many films share genres, language, decade
    and prior exactly (a film without ratings is its genre-language-decade cell), and an HNSW
    graph over thousands of equal points is slow to search and no better (the synthetic
    copies of bench/scale.py make every row appear k times). A found row stands for its whole
    group of equal rows, most-known first."""
    from usearch.index import Index

    n = dense.shape[0]
    count = min(count, n)
    extra = np.zeros((n, 1)) if prior is None else prior[:, None]
    items = np.hstack([dense, extra]).astype(np.float16)
    unique, group_of = np.unique(items, axis=0, return_inverse=True)
    group_of = group_of.ravel()
    queries = unique.astype(np.float32)
    queries[:, -1] = 1.0
    index = Index(
        ndim=unique.shape[1],
        metric="ip",
        dtype="f16",
        connectivity=16,
        expansion_add=40,
        expansion_search=max(2 * count, 200),
    )
    index.add(np.arange(len(unique), dtype=np.uint64), unique.astype(np.float32), threads=threads)
    wanted = min(count, len(unique))
    found = index.search(queries, wanted, threads=threads)
    keys = np.asarray(found.keys, dtype=np.int64).reshape(len(unique), -1)[:, :wanted]
    # usearch pads rows with fewer results than asked with a sentinel key: point those at the
    # query's own group (a group found twice only repeats candidates, which are a set).
    invalid = (keys < 0) | (keys >= len(unique))
    keys[invalid] = np.broadcast_to(np.arange(len(unique))[:, None], keys.shape)[invalid]
    by_group = expand_groups(keys, group_of, prior, count)
    return by_group[group_of]


def expand_groups(
    keys: np.ndarray, group_of: np.ndarray, prior: np.ndarray | None, count: int
) -> np.ndarray:
    """Per query group, the first `count` items of its found groups in order (each group's
    items most-known first); rows that run out repeat their last item."""
    n = len(group_of)
    rank = np.zeros(n) if prior is None else -prior
    members = np.lexsort((np.arange(n), rank, group_of))
    sizes = np.bincount(group_of, minlength=keys.max() + 1)
    group_start = np.concatenate([[0], np.cumsum(sizes)[:-1]])
    found_sizes = sizes[keys]
    ends = np.cumsum(found_sizes, axis=1)
    starts = ends - found_sizes
    rows = keys.shape[0]
    span = int(ends[:, -1].max()) + 1
    # one sorted key space: row r's slots live in [r * span, (r + 1) * span)
    flat_ends = (ends + np.arange(rows)[:, None] * span).ravel()
    wanted = (np.arange(rows)[:, None] * span + np.arange(count)[None, :]).ravel()
    slot = np.searchsorted(flat_ends, wanted, side="right")
    slot = np.minimum(slot, keys.size - 1)
    row_of_slot = slot // keys.shape[1]
    past = row_of_slot != np.repeat(np.arange(rows), count)
    slot[past] = (np.repeat(np.arange(rows), count) * keys.shape[1] + keys.shape[1] - 1)[past]
    offset = wanted - np.repeat(np.arange(rows), count) * span - starts.ravel()[slot]
    offset = np.minimum(offset, found_sizes.ravel()[slot] - 1)
    group = keys.ravel()[slot]
    return members[group_start[group] + offset].reshape(rows, count)


def capped_postings(wide: sp.csr_matrix, rank: np.ndarray, cap: int) -> sp.csr_matrix:
    """values x items, the item's weight where it is among the value's `cap` best-ranked items
    (by `rank` ascending): the truncated inverted lists the wide candidates come from."""
    by_value = wide.T.tocsr()
    indptr = by_value.indptr
    keep = np.ones(by_value.nnz, dtype=bool)
    for value in np.flatnonzero(np.diff(indptr) > cap):
        start, end = indptr[value], indptr[value + 1]
        members = by_value.indices[start:end]
        keep[start + np.argsort(rank[members], kind="stable")[cap:]] = False
    rows = np.repeat(np.arange(by_value.shape[0]), np.diff(indptr))
    return sp.csr_matrix(
        (by_value.data[keep], (rows[keep], by_value.indices[keep])), shape=by_value.shape
    )


def strongest(matrix: sp.csr_matrix, count: int) -> sp.csr_matrix:
    """Each row's `count` largest cells (ties by column), as 1s: a candidate budget per row."""
    coo = matrix.tocoo()
    order = np.lexsort((coo.col, -coo.data, coo.row))
    rows, cols = coo.row[order], coo.col[order]
    starts = np.searchsorted(rows, np.arange(matrix.shape[0]))
    keep = (np.arange(len(rows)) - starts[rows]) < count
    return sp.csr_matrix((np.ones(int(keep.sum())), (rows[keep], cols[keep])), shape=matrix.shape)


def candidate_top_k(
    scorer,
    k: int,
    rows: np.ndarray,
    chunk: int = 256,
    progress: Callable[[int, int], None] | None = None,
    dense_count: int = DENSE_CANDIDATES,
    posting_cap: int = POSTING_CAP,
    wide_count: int = WIDE_CANDIDATES,
) -> tuple[np.ndarray, np.ndarray]:
    """The k best neighbours and scores of each of `rows` among its candidates, best first,
    ties by position (the same order as the exact model)."""
    n = scorer.n
    threads = min(2, os.cpu_count() or 1)
    dense = None
    if scorer.dense is not None:
        dense = dense_candidates(scorer.dense, scorer.prior, dense_count, threads)
        dense = dense[rows] if len(rows) != n else dense
    postings = None
    if scorer.wide is not None:
        prior = scorer.prior if scorer.prior is not None else np.zeros(n)
        rank = np.lexsort((np.arange(n), -prior))
        order = np.empty(n, dtype=np.int64)
        order[rank] = np.arange(n)
        postings = capped_postings(scorer.wide, order, posting_cap)
    neighbours = np.empty((len(rows), k), dtype=np.int64)
    best = np.empty((len(rows), k), dtype=np.float64)

    def one_chunk(start: int) -> int:
        block = rows[start : start + chunk]
        size = len(block)
        marks = sp.csr_matrix((size, n))
        if dense is not None:
            width = dense.shape[1]
            marks = marks + sp.csr_matrix(
                (
                    np.ones(width * size),
                    dense[start : start + size].ravel(),
                    np.arange(0, width * size + 1, width),
                ),
                shape=(size, n),
            )
        wide = None
        if postings is not None:
            through_postings = scorer.wide[block] @ postings
            marks = marks + strongest(through_postings, wide_count)
            wide = scorer.wide[block] @ scorer.wide_t
        marks = marks.tocsr()
        marks.data[:] = 1.0
        found, values = scorer.best_of_pairs(block, marks, wide, k)
        neighbours[start : start + size] = found
        best[start : start + size] = values
        return size

    done = 0
    with ThreadPoolExecutor(max_workers=threads) as pool:
        for size in pool.map(one_chunk, range(0, len(rows), chunk)):
            done += size
            if progress is not None:
                progress(done, len(rows))
    return neighbours, best
