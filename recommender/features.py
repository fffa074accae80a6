"""Item feature blocks for content similarity, built from one frame of per-item lists.

Every block is a matrix whose rows have unit norm (or are zero when the item has nothing in
that block), so the dot product of two rows is a similarity in [0, 1]: cosine for lists and
text, equality for categories (one-hot), a smoothed equality for release decades. Keeping the
blocks apart lets the scorer weight them and switch one off (evaluation); small blocks are
dense and multiplied through BLAS, wide ones stay sparse, and nothing is ever items x items.
"""

from __future__ import annotations

import re
from collections import Counter
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


_ROMAN = r"(?:ii|iii|iv|v|vi|vii|viii|ix|x|xi|xii)"
# The part of a title before a sequel marker: a subtitle after ':' or ' - ', "Part II",
# "Chapter 3", "Episode IV", "Vol. 2", or a trailing number / roman numeral ("Toy Story 3").
_SEQUEL = re.compile(
    rf"^(.*?)(?:\s*[:\-\u2013\u2014]\s+.*"
    rf"|\s+(?:part|chapter|episode|vol\.?|volume)\s+(?:\d+|{_ROMAN}|one|two|three)\b.*"
    rf"|\s+(?:\d{{1,2}}|{_ROMAN})\s*$)$"
)
FRANCHISE_MAX_FILMS = 30  # a "franchise" stem on more titles is a common phrase, not a series


def franchise_keys(titles: Sequence[str | None]) -> np.ndarray:
    """Codes of the series a title names, or -1: the title's stem before a sequel marker
    ("The Godfather: Part II", "Toy Story 3" -> "the godfather", "toy story"), and a title
    that *is* such a stem ("Toy Story"). Two films share a code only when at least one of
    them carries a marker, so remakes called "Hamlet" and unrelated films sharing a word are
    not linked by their names (issue 15: the title says "same series" or nothing)."""
    stems: list[tuple[str, bool]] = []
    for title in titles:
        text = " ".join((title or "").lower().split())
        match = _SEQUEL.match(text)
        stem = match.group(1).strip() if match else ""
        stems.append((stem, True) if stem else (text, False))
    marked = Counter(stem for stem, has_marker in stems if has_marker)
    keys = [stem if stem and marked[stem] else None for stem, _ in stems]
    sizes = Counter(key for key in keys if key)
    kept = [key if key and 1 < sizes[key] <= FRANCHISE_MAX_FILMS else None for key in keys]
    return codes(kept)


RATINGS_FACTORS = 64
MIN_ITEM_RATINGS = 5


def ratings_block(
    ids: np.ndarray, ratings: pd.DataFrame | None, factors: int = RATINGS_FACTORS
) -> np.ndarray | None:
    """Behavioural similarity: each film's row of user-centred ratings (adjusted cosine),
    reduced to `factors` dimensions by a truncated SVD and scaled to unit rows, so the dot
    product of two films approximates how alike the same people rated them. Films with fewer
    than MIN_ITEM_RATINGS ratings get a zero row (no evidence). `ratings` has user_id,
    movie_id, rating; None or empty -> no block."""
    if ratings is None or ratings.empty:
        return None
    position = pd.Series(np.arange(len(ids)), index=ids)
    ratings = ratings[ratings["movie_id"].isin(position.index)]
    counts = ratings.groupby("movie_id")["rating"].transform("size")
    ratings = ratings[counts >= MIN_ITEM_RATINGS]
    if ratings["movie_id"].nunique() < 2:
        return None
    centred = ratings["rating"] - ratings.groupby("user_id")["rating"].transform("mean")
    # Users numbered in id order, not in order of appearance: the randomized SVD must see the
    # same matrix however the build happened to order the rows of `ratings`.
    users = pd.factorize(ratings["user_id"], sort=True)[0]
    matrix = sp.csr_matrix(
        (centred.to_numpy(dtype=np.float64), (position[ratings["movie_id"]].to_numpy(), users)),
        shape=(len(ids), users.max() + 1),
    )
    rank = min(factors, min(matrix.shape) - 1)
    if rank < 1:
        return None
    from sklearn.decomposition import TruncatedSVD

    reduced = TruncatedSVD(n_components=rank, random_state=0).fit_transform(matrix)
    return normalize(reduced, norm="l2")


def popularity_prior(vote_count: Sequence) -> np.ndarray:
    """log(1 + votes) scaled to [0, 1]: a mild preference for films people actually saw."""
    votes = np.log1p(np.nan_to_num(np.asarray(vote_count, dtype=np.float64), nan=0.0))
    top = votes.max() if len(votes) else 0.0
    return votes / top if top > 0 else votes


def _add(features: ItemFeatures, name: str, block: Block | None) -> None:
    if block is not None:
        features.blocks[name] = block


def movie_features(frame: pd.DataFrame, ratings: pd.DataFrame | None = None) -> ItemFeatures:
    """Blocks of the movies model from ml_movie_features (one row per film) and, when given,
    the ratings (user_id, movie_id, rating) of the behavioural block."""
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
    _add(features, "franchise", one_hot(franchise_keys(list(frame["title"]))))
    _add(features, "text", text_matrix(list(frame["overview_text"])))
    _add(features, "ratings", ratings_block(features.ids, ratings))
    features.prior = popularity_prior(frame["vote_count"])
    features.popularity = frame["popularity"].to_numpy(dtype=np.float64)
    return features


_WORD = re.compile(r"\w+")
PLATFORMS = 4  # a work is on at most this many catalogues


def same_work_keys(titles: pd.Series, years: pd.Series) -> np.ndarray:
    """Codes of the work a streaming title is, or -1: the same title (case and spaces aside)
    released the same year on two to four catalogues is one film or show listed by several
    platforms ("21" on Amazon, Hulu and Netflix), whether or not each copy lists its cast.
    A whole title and a year, not a shared word: no false friend."""
    keys = [
        f"{' '.join(str(t).lower().split())}|{int(y)}"
        if isinstance(t, str) and pd.notna(y)
        else None
        for t, y in zip(titles, years, strict=True)
    ]
    sizes = Counter(key for key in keys if key)
    return codes([key if key and 1 < sizes[key] <= PLATFORMS else None for key in keys])


def without_own_title(titles: Sequence[str | None], texts: Sequence[str | None]) -> list[str]:
    """Each text without the words of its own title (3 letters or more). A description
    repeats its title ("Yoga Hosers: two yoga-loving clerks..."), so two descriptions that
    share those words are title-alike, not alike in content; the title's evidence is the
    franchise block's to give (issue 15: no title-word false friends)."""
    cleaned = []
    for title, text in zip(titles, texts, strict=True):
        own = {word for word in _WORD.findall((title or "").lower()) if len(word) >= 3}
        words = _WORD.findall(text) if isinstance(text, str) else []
        cleaned.append(" ".join(word for word in words if word.lower() not in own))
    return cleaned


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
    _add(features, "franchise", one_hot(franchise_keys(list(frame["title"]))))
    _add(features, "work", one_hot(same_work_keys(frame["title"], frame["release_year"])))
    descriptions = without_own_title(list(frame["title"]), list(frame["description"]))
    _add(features, "text", text_matrix(descriptions, max_df=0.05))
    first_director = [d[0] if d is not None and len(d) else None for d in frame["directors"]]
    features.groups["director"] = codes(first_director)
    features.popularity = np.nan_to_num(frame["score"].to_numpy(dtype=np.float64), nan=0.0)
    return features
