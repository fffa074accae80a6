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
  thousands of items says little, and uncut lists make the work quadratic again).

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

#: Dense nearest candidates per item from the HNSW index.
DENSE_CANDIDATES = 128
#: Items kept per posting list (by popularity prior, then position) as candidates.
POSTING_CAP = 200


def dense_candidates(
    dense: np.ndarray, prior: np.ndarray | None, count: int, threads: int
) -> np.ndarray:
    """For every row, the `count` rows with the largest dense score + prior (itself included
    when it ranks), by an approximate maximum-inner-product search (usearch HNSW)."""
    from usearch.index import Index

    n = dense.shape[0]
    count = min(count, n)
    extra = np.zeros((n, 1), dtype=np.float32) if prior is None else prior[:, None]
    items = np.ascontiguousarray(np.hstack([dense, extra]), dtype=np.float32)
    queries = np.ascontiguousarray(np.hstack([dense, np.ones((n, 1))]), dtype=np.float32)
    index = Index(
        ndim=items.shape[1],
        metric="ip",
        dtype="f16",
        connectivity=16,
        expansion_add=40,
        expansion_search=max(2 * count, 200),
    )
    index.add(np.arange(n, dtype=np.uint64), items, threads=threads)
    found = index.search(queries, count, threads=threads)
    keys = np.asarray(found.keys, dtype=np.int64).reshape(n, -1)[:, :count]
    # usearch pads rows with fewer results than asked with a sentinel key; point those at the
    # row itself, which the scorer excludes anyway.
    invalid = (keys < 0) | (keys >= n)
    keys[invalid] = np.broadcast_to(np.arange(n)[:, None], keys.shape)[invalid]
    return keys


def capped_postings(wide: sp.csr_matrix, rank: np.ndarray, cap: int) -> sp.csr_matrix:
    """values x items, 1 where the item is among the value's `cap` best-ranked items (by
    `rank` ascending): the truncated inverted lists the wide candidates come from."""
    by_value = wide.T.tocsr()
    by_value.data[:] = 1.0
    indptr = by_value.indptr
    keep = np.ones(by_value.nnz, dtype=bool)
    for value in np.flatnonzero(np.diff(indptr) > cap):
        start, end = indptr[value], indptr[value + 1]
        members = by_value.indices[start:end]
        keep[start + np.argsort(rank[members], kind="stable")[cap:]] = False
    rows = np.repeat(np.arange(by_value.shape[0]), np.diff(indptr))
    return sp.csr_matrix(
        (np.ones(int(keep.sum())), (rows[keep], by_value.indices[keep])), shape=by_value.shape
    )


def candidate_top_k(
    scorer,
    k: int,
    rows: np.ndarray,
    chunk: int = 256,
    progress: Callable[[int, int], None] | None = None,
    dense_count: int = DENSE_CANDIDATES,
    posting_cap: int = POSTING_CAP,
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
            present = scorer.wide[block].copy()
            present.data[:] = 1.0
            marks = marks + present @ postings
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
