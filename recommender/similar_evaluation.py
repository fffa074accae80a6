"""Offline evaluation of the similar-items model against simple baselines.

"Similar" has no labels, so two honest proxies, both computed from the warehouse:

1. Collection recovery: for films in a collection with at least one other film, with the
   collection feature switched off, the fraction of the other films of the collection found in
   the top-5 / top-10 (recall@k, averaged over films) and the reciprocal rank of the first one
   in the top-20 (MRR).
2. Co-liking: for films with >= 20 MovieLens ratings, the 10 films most co-liked with it (rated
   >= 4 by the same users who rated it >= 4); hit rate@10 = share of films whose content top-10
   holds at least one of them, overlap@10 = mean share of the 10 found.

Baselines: random, most popular in the same genre, TF-IDF over genres + title (what the
bootcamp projects did). Weights are searched on the films with an even id and reported on
the films with an odd id, so the reported figures are not the ones the weights were fit on.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd
import scipy.sparse as sp
from sklearn.feature_extraction.text import TfidfVectorizer

from recommender.features import ItemFeatures
from recommender.models.similar import top_k

K = 20
Neighbours = Callable[[np.ndarray], np.ndarray]  # query rows -> (len(rows), K) item rows


@dataclass(frozen=True)
class Proxies:
    collection_rows: np.ndarray
    collection_of: np.ndarray  # per item: collection code or -1
    coliked_rows: np.ndarray
    coliked: dict[int, set[int]]  # query row -> its 10 most co-liked item rows


def group_recovery(
    neighbours: np.ndarray, rows: np.ndarray, group_of: np.ndarray
) -> dict[str, float]:
    """How many of the other members of a query's group (collection, director) its neighbours
    recover: recall@5, recall@10 (share of the other members found), MRR of the first."""
    recall5, recall10, reciprocal = [], [], []
    for query, found in zip(rows, neighbours, strict=True):
        mates = group_of == group_of[query]
        mates[query] = False
        total = mates.sum()
        hits = mates[found]
        recall5.append(hits[:5].sum() / total)
        recall10.append(hits[:10].sum() / total)
        first = np.flatnonzero(hits)
        reciprocal.append(1.0 / (first[0] + 1) if len(first) else 0.0)
    return {
        "recall_at_5": float(np.mean(recall5)),
        "recall_at_10": float(np.mean(recall10)),
        "mrr": float(np.mean(reciprocal)),
    }


def coliking(
    neighbours: np.ndarray, rows: np.ndarray, coliked: Mapping[int, set[int]]
) -> dict[str, float]:
    hits, overlap = [], []
    for query, found in zip(rows, neighbours, strict=True):
        truth = coliked[int(query)]
        shared = len(truth.intersection(found[:10].tolist()))
        hits.append(shared > 0)
        overlap.append(shared / len(truth))
    return {"hit_rate_at_10": float(np.mean(hits)), "overlap_at_10": float(np.mean(overlap))}


def group_rows(group_of: np.ndarray) -> np.ndarray:
    """Items whose group (code >= 0) has at least one other member."""
    if not (group_of >= 0).any():
        return np.array([], dtype=np.int64)
    sizes = np.bincount(group_of[group_of >= 0], minlength=group_of.max() + 1)
    return np.flatnonzero((group_of >= 0) & (sizes[np.maximum(group_of, 0)] > 1))


def build_proxies(
    features: ItemFeatures,
    collection_ids: np.ndarray,
    ratings: pd.DataFrame,
    min_ratings: int = 20,
    liked: float = 4.0,
) -> Proxies:
    """Query sets and ground truth for both proxies. `ratings` has user_id, movie_id, rating."""
    position = {int(m): i for i, m in enumerate(features.ids)}
    collection_of = collection_ids
    collection_rows = group_rows(collection_of)

    ratings = ratings[ratings["movie_id"].isin(position)]
    counts = ratings.groupby("movie_id").size()
    likes = ratings[ratings["rating"] >= liked]
    users = {u: i for i, u in enumerate(likes["user_id"].unique())}
    items = likes["movie_id"].map(position).to_numpy()
    matrix = sp.csr_matrix(
        (np.ones(len(likes)), (likes["user_id"].map(users).to_numpy(), items)),
        shape=(len(users), len(features)),
    )
    candidates = [position[m] for m in counts[counts >= min_ratings].index]
    coliked: dict[int, set[int]] = {}
    by_item = matrix.T.tocsr()
    for row in sorted(candidates):
        likers = by_item[row].indices
        if len(likers) == 0:
            continue
        together = np.asarray(matrix[likers].sum(axis=0)).ravel()
        together[row] = 0
        liked_with = np.flatnonzero(together > 0)
        if len(liked_with) == 0:
            continue
        order = np.lexsort((liked_with, -together[liked_with]))[:10]
        coliked[row] = set(liked_with[order].tolist())
    return Proxies(
        collection_rows=collection_rows,
        collection_of=collection_of,
        coliked_rows=np.array(sorted(coliked), dtype=np.int64),
        coliked=coliked,
    )


# --- neighbour sources ----------------------------------------------------------------------


def content_model(features: ItemFeatures, weights: Mapping[str, float]) -> Neighbours:
    return lambda rows: top_k(features, weights, k=K, rows=rows)[0]


def random_baseline(n_items: int, seed: int = 0) -> Neighbours:
    def neighbours(rows: np.ndarray) -> np.ndarray:
        rng = np.random.default_rng(seed)
        out = np.empty((len(rows), K), dtype=np.int64)
        for i, row in enumerate(rows):
            picks = rng.choice(n_items - 1, size=K, replace=False)
            out[i] = picks + (picks >= row)  # skip the item itself
        return out

    return neighbours


def popular_same_genre_baseline(features: ItemFeatures) -> Neighbours:
    genres = features.blocks["genres"]
    popularity = np.nan_to_num(features.popularity, nan=0.0)
    scale = popularity / (popularity.max() or 1.0)

    def neighbours(rows: np.ndarray) -> np.ndarray:
        shares = np.asarray((genres[rows] @ genres.T).todense()) > 0
        scores = np.where(shares, 1.0 + scale[None, :], scale[None, :])
        scores[np.arange(len(rows)), rows] = -np.inf
        part = np.argpartition(-scores, K - 1, axis=1)[:, :K]
        order = np.argsort(-np.take_along_axis(scores, part, axis=1), axis=1, kind="stable")
        return np.take_along_axis(part, order, axis=1)

    return neighbours


def tfidf_genres_title_baseline(titles: list[str], genre_names: list[list[str]]) -> Neighbours:
    documents = [" ".join(g) + " " + (t or "") for t, g in zip(titles, genre_names, strict=True)]
    matrix = TfidfVectorizer().fit_transform(documents).tocsr()
    transposed = matrix.T.tocsr()

    def neighbours(rows: np.ndarray) -> np.ndarray:
        scores = (matrix[rows] @ transposed).toarray()
        scores[np.arange(len(rows)), rows] = -np.inf
        part = np.argpartition(-scores, K - 1, axis=1)[:, :K]
        order = np.argsort(-np.take_along_axis(scores, part, axis=1), axis=1, kind="stable")
        return np.take_along_axis(part, order, axis=1)

    return neighbours


def evaluate(
    neighbours_of: Neighbours,
    proxies: Proxies,
    collection_source: Neighbours | None = None,
    subset: Callable[[np.ndarray], np.ndarray] | None = None,
) -> dict[str, float]:
    """Both proxies for one neighbour source. `collection_source` is the same source with the
    collection feature off (for the content model); `subset` picks the query rows."""
    pick = subset or (lambda rows: rows)
    collection_rows = pick(proxies.collection_rows)
    coliked_rows = pick(proxies.coliked_rows)
    by_collection = (collection_source or neighbours_of)(collection_rows)
    result = group_recovery(by_collection, collection_rows, proxies.collection_of)
    result.update(coliking(neighbours_of(coliked_rows), coliked_rows, proxies.coliked))
    return result


def without(weights: Mapping[str, float], block: str) -> dict[str, float]:
    return {**weights, block: 0.0}


def search_weights(
    features: ItemFeatures,
    proxies: Proxies,
    start: Mapping[str, float],
    subset: Callable[[np.ndarray], np.ndarray],
    grid: tuple[float, ...] = (0.0, 0.25, 0.5, 1.0, 2.0),
    log: Callable[[str], None] = print,
) -> dict[str, float]:
    """One pass of coordinate ascent over the block weights, on the validation films only.
    Objective: mean of collection recall@10 (collection feature off) and co-like hit rate@10."""

    def objective(weights: Mapping[str, float]) -> float:
        scores = evaluate(
            content_model(features, weights),
            proxies,
            content_model(features, without(weights, "collection")),
            subset,
        )
        return (scores["recall_at_10"] + scores["hit_rate_at_10"]) / 2

    best = dict(start)
    best_value = objective(best)
    for block in [b for b in best if b != "collection"]:
        for value in grid:
            if value == best[block]:
                continue
            trial = {**best, block: value}
            score = objective(trial)
            log(f"  {block}={value}: {score:.4f} (best {best_value:.4f})")
            if score > best_value + 1e-4:
                best, best_value = trial, score
    return best


def even_ids(features: ItemFeatures) -> Callable[[np.ndarray], np.ndarray]:
    return lambda rows: rows[features.ids[rows] % 2 == 0]


def odd_ids(features: ItemFeatures) -> Callable[[np.ndarray], np.ndarray]:
    return lambda rows: rows[features.ids[rows] % 2 == 1]


# --- reports --------------------------------------------------------------------------------


def movie_report(
    features: ItemFeatures, frame: pd.DataFrame, ratings: pd.DataFrame, weights: Mapping[str, float]
) -> dict[str, dict[str, float]]:
    """Both proxies for the content model and the three baselines, on the films with an odd id
    (the weights were searched on the even ones). `frame` is ml_movie_features."""
    frame = frame.sort_values("movie_id").reset_index(drop=True)
    proxies = build_proxies(features, features.groups["collection"], ratings)
    test = odd_ids(features)
    sources = {
        "random": (random_baseline(len(features)), None),
        "popular_same_genre": (popular_same_genre_baseline(features), None),
        "tfidf_genres_title": (
            tfidf_genres_title_baseline(list(frame["title"]), list(frame["genre_names"])),
            None,
        ),
        "content_model": (
            content_model(features, weights),
            content_model(features, without(weights, "collection")),
        ),
    }
    report = {
        name: evaluate(source, proxies, collection, test)
        for name, (source, collection) in sources.items()
    }
    for metrics in report.values():
        metrics["collection_films"] = len(test(proxies.collection_rows))
        metrics["coliked_films"] = len(test(proxies.coliked_rows))
    return report


def streaming_report(
    features: ItemFeatures, frame: pd.DataFrame, weights: Mapping[str, float]
) -> dict[str, dict[str, float]]:
    """Same-director recovery on the streaming catalogues, director feature switched off:
    for titles whose (first) director has other titles, the share of those found."""
    frame = frame.sort_values("title_id").reset_index(drop=True)
    director_of = features.groups["director"]
    rows = group_rows(director_of)
    sources = {
        "random": random_baseline(len(features)),
        "popular_same_genre": popular_same_genre_baseline(features),
        "tfidf_genres_title": tfidf_genres_title_baseline(
            list(frame["title"]), list(frame["genres"])
        ),
        "content_model": content_model(features, without(weights, "directors")),
    }
    report = {}
    for name, source in sources.items():
        report[name] = group_recovery(source(rows), rows, director_of)
        report[name]["titles"] = len(rows)
    return report


def format_table(title: str, report: Mapping[str, Mapping[str, float]], metrics: list[str]) -> str:
    lines = [title, f"{'model':<22}" + "".join(f"{m:>16}" for m in metrics)]
    for name, values in report.items():
        lines.append(f"{name:<22}" + "".join(f"{values[m]:>16.4f}" for m in metrics))
    return "\n".join(lines)


def run_evaluate_similar(con, search: bool = False, log: Callable[[str], None] = print) -> dict:
    """Everything `python -m recommender evaluate-similar` prints, from an open warehouse."""
    from recommender.features import movie_features, streaming_features
    from recommender.models.similar import MOVIE_WEIGHTS, STREAMING_WEIGHTS

    frame = con.execute("select * from staging.ml_movie_features").df()
    ratings = con.execute(
        "select user_id, movie_id, rating::double as rating from main.ratings "
        "where movie_id is not null"
    ).df()
    features = movie_features(frame)
    weights = dict(MOVIE_WEIGHTS)
    if search:
        proxies = build_proxies(features, features.groups["collection"], ratings)
        weights = search_weights(features, proxies, weights, even_ids(features), log=log)
        log(f"searched weights (even ids): {weights}")
    movies = movie_report(features, frame, ratings, weights)
    model = movies["content_model"]
    log(
        format_table(
            f"Similar movies, films with an odd id ({model['collection_films']:,} "
            f"in collections, {model['coliked_films']:,} with >= 20 ratings)",
            movies,
            ["recall_at_5", "recall_at_10", "mrr", "hit_rate_at_10", "overlap_at_10"],
        )
    )
    streaming_frame = con.execute("select * from staging.ml_streaming_title_features").df()
    streaming = streaming_report(
        streaming_features(streaming_frame), streaming_frame, STREAMING_WEIGHTS
    )
    log(
        format_table(
            f"Similar streaming titles, same-director recovery with the director feature off "
            f"({streaming['content_model']['titles']:,} titles)",
            streaming,
            ["recall_at_5", "recall_at_10", "mrr"],
        )
    )
    return {"movies": movies, "streaming": streaming, "movie_weights": weights}
