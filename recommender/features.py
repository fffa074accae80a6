"""Item feature blocks for content similarity, built from one frame of per-item lists.

Every block is a matrix whose rows have unit norm (or are zero when the item has nothing in
that block), so the dot product of two rows is a similarity in [0, 1]: cosine for lists and
text, equality for categories (one-hot), a smoothed equality for release decades. Keeping the
blocks apart lets the scorer weight them and switch one off (evaluation); small blocks are
dense and multiplied through BLAS, wide ones stay sparse, and nothing is ever items x items.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import scipy.sparse as sp
from sklearn.feature_extraction.text import TfidfTransformer, TfidfVectorizer
from sklearn.preprocessing import normalize

KEYWORD_MAX_DF = 0.01
MIN_PRUNED_DF = 50  # never prune a value on 50 items or fewer (small catalogues keep theirs)
DECADE_NEIGHBOUR = 0.25  # adjacent decades score 2a / (1 + 2a^2) = 0.44 of the same decade

Block = sp.csr_matrix | np.ndarray


@dataclass
class ItemFeatures:
    """Per-item blocks, rows aligned with `ids` (sorted)."""

    ids: np.ndarray
    blocks: dict[str, Block] = field(default_factory=dict)
    prior: np.ndarray | None = None  # in [0, 1]: added with the "popularity" weight
    popularity: np.ndarray | None = None  # raw, for the popular-in-genre baseline
    groups: dict[str, np.ndarray] = field(default_factory=dict)  # codes for evaluation

    def __len__(self) -> int:
        return len(self.ids)


def list_matrix(lists: Sequence, tfidf: bool = False, max_df: float = 1.0) -> sp.csr_matrix | None:
    """Rows = items, columns = distinct values seen in `lists`; binary or TF-IDF weighted.
    Values on more than `max_df` of the items are dropped: they say little about likeness
    ("woman director" is on 3,036 films) and dominate the cost of the sparse products.
    None when no item has any value (the block carries no information)."""
    vocabulary: dict = {}
    indptr, indices = [0], []
    for values in lists:
        present = values if values is not None else ()
        row = {vocabulary.setdefault(v, len(vocabulary)) for v in present if v is not None}
        indices.extend(sorted(row))
        indptr.append(len(indices))
    if not vocabulary:
        return None
    data = np.ones(len(indices), dtype=np.float64)
    matrix = sp.csr_matrix((data, indices, indptr), shape=(len(lists), len(vocabulary)))
    if max_df < 1.0:
        document_frequency = np.bincount(matrix.indices, minlength=matrix.shape[1])
        limit = max(max_df * len(lists), MIN_PRUNED_DF)
        matrix = matrix[:, np.flatnonzero(document_frequency <= limit)]
        if matrix.shape[1] == 0:
            return None
    if tfidf:
        matrix = TfidfTransformer(sublinear_tf=True).fit_transform(matrix)
    return normalize(matrix, norm="l2", copy=False).tocsr()


def text_matrix(
    texts: Sequence[str | None],
    min_df: int = 2,
    max_df: float = 0.5,
    stop_words: str | None = "english",
) -> sp.csr_matrix | None:
    """TF-IDF of free text (titles; overview + tagline); None when the text is empty
    everywhere, as the overviews are in the shared copy of The Movies Dataset, so the block
    simply drops out."""
    cleaned = [t if isinstance(t, str) else "" for t in texts]
    if sum(bool(t.strip()) for t in cleaned) < 2:
        return None
    if max_df * len(cleaned) < MIN_PRUNED_DF:
        max_df = 1.0  # a small catalogue: every shared word counts
    vectorizer = TfidfVectorizer(
        min_df=min_df, max_df=max_df, stop_words=stop_words, sublinear_tf=True, dtype=np.float64
    )
    try:
        return vectorizer.fit_transform(cleaned).tocsr()
    except ValueError:  # every word pruned
        return None


def codes(values: Sequence, missing: int = -1) -> np.ndarray:
    """Integer codes of a categorical column; `missing` where the value is null."""
    series = pd.Series(values, dtype="object")
    result = np.full(len(series), missing, dtype=np.int64)
    present = series.notna().to_numpy()
    result[present] = pd.factorize(series[present])[0]
    return result


def one_hot(category_codes: np.ndarray) -> sp.csr_matrix | None:
    """Rows with a 1 in their category's column (zero rows where the code is -1): the dot
    product of two rows is 1 exactly when they share the category."""
    present = np.flatnonzero(category_codes >= 0)
    if len(present) == 0:
        return None
    return sp.csr_matrix(
        (np.ones(len(present)), (present, category_codes[present])),
        shape=(len(category_codes), category_codes.max() + 1),
    )


def decade_matrix(years: np.ndarray) -> np.ndarray | None:
    """Smoothed decade one-hot: same decade -> 1, adjacent -> 0.44, two apart -> 0.06."""
    known = ~np.isnan(years)
    if not known.any():
        return None
    decades = np.where(known, years // 10, 0).astype(np.int64)
    first = decades[known].min()
    columns = decades - first + 1  # room for the neighbour before the first decade
    matrix = np.zeros((len(years), columns[known].max() + 2), dtype=np.float64)
    rows = np.flatnonzero(known)
    matrix[rows, columns[rows]] = 1.0
    matrix[rows, columns[rows] - 1] = DECADE_NEIGHBOUR
    matrix[rows, columns[rows] + 1] = DECADE_NEIGHBOUR
    return normalize(matrix, norm="l2")


def popularity_prior(vote_count: Sequence) -> np.ndarray:
    """log(1 + votes) scaled to [0, 1]: a mild preference for films people actually saw."""
    votes = np.log1p(np.nan_to_num(np.asarray(vote_count, dtype=np.float64), nan=0.0))
    top = votes.max() if len(votes) else 0.0
    return votes / top if top > 0 else votes


def _add(features: ItemFeatures, name: str, block: Block | None) -> None:
    if block is not None:
        features.blocks[name] = block


def movie_features(frame: pd.DataFrame) -> ItemFeatures:
    """Blocks of the movies model from ml_movie_features (one row per film)."""
    frame = frame.sort_values("movie_id").reset_index(drop=True)
    features = ItemFeatures(ids=frame["movie_id"].to_numpy(dtype=np.int64))
    _add(features, "genres", list_matrix(list(frame["genre_ids"])))
    _add(
        features,
        "keywords",
        list_matrix(list(frame["keyword_ids"]), tfidf=True, max_df=KEYWORD_MAX_DF),
    )
    _add(features, "directors", list_matrix(list(frame["director_ids"])))
    _add(features, "cast", list_matrix(list(frame["cast_ids"]), tfidf=True))
    _add(features, "companies", list_matrix(list(frame["company_ids"]), tfidf=True))
    collection = codes(frame["collection_id"])
    features.groups["collection"] = collection
    _add(features, "collection", one_hot(collection))
    _add(features, "language", one_hot(codes(frame["original_language"])))
    _add(features, "decade", decade_matrix(frame["release_year"].to_numpy(dtype=np.float64)))
    _add(features, "title", text_matrix(list(frame["title"]), max_df=0.05, stop_words=None))
    _add(features, "text", text_matrix(list(frame["overview_text"])))
    features.prior = popularity_prior(frame["vote_count"])
    features.popularity = frame["popularity"].to_numpy(dtype=np.float64)
    return features


def streaming_features(frame: pd.DataFrame) -> ItemFeatures:
    """Blocks of the streaming model from ml_streaming_title_features (one row per title)."""
    frame = frame.sort_values("title_id").reset_index(drop=True)
    features = ItemFeatures(ids=frame["title_id"].to_numpy(dtype=object))
    _add(features, "genres", list_matrix(list(frame["genres"]), tfidf=True))
    _add(features, "cast", list_matrix(list(frame["actors"]), tfidf=True))
    _add(features, "directors", list_matrix(list(frame["directors"])))
    _add(features, "countries", list_matrix(list(frame["countries"]), tfidf=True))
    _add(features, "type", one_hot(codes(frame["type"])))
    _add(features, "decade", decade_matrix(frame["release_year"].to_numpy(dtype=np.float64)))
    _add(features, "title", text_matrix(list(frame["title"]), max_df=0.05, stop_words=None))
    _add(features, "text", text_matrix(list(frame["description"]), max_df=0.05))
    first_director = [d[0] if d is not None and len(d) else None for d in frame["directors"]]
    features.groups["director"] = codes(first_director)
    features.popularity = np.nan_to_num(frame["score"].to_numpy(dtype=np.float64), nan=0.0)
    return features
