"""Offline evaluation of the similar-items model against simple baselines.

"Similar" has no labels, so two honest proxies, both computed from the warehouse:

1. Collection recovery: for films in a collection with at least one other film, with the
   collection feature switched off, the fraction of the other films of the collection found in
   the top-5 / top-10 (recall@k, averaged over films) and the reciprocal rank of the first one
   in the top-20 (MRR).
2. Co-liking: for films with >= 20 MovieLens ratings, the 10 films most co-liked with it (rated
   >= 4 by the same users who rated it >= 4); hit rate@10 = share of films whose content top-10
   holds at least one of them, overlap@10 = mean share of the 10 found.

3. Title-only neighbours (issue 15): among the top-10 suggestions of the 1,000 most-voted
   films (highest-scored streaming titles), the share that have only a title word in common
   with the film: no collection, no keyword, no cast or crew person. The build publishes the
   same figure for its own tables (audit.model_metrics); the target is <= 2 %.

Honest splits: the behavioural block is fitted on the users with an even id and the co-liking
truth comes from the users with an odd id; weights are searched on the films with an even id
and reported on the films with an odd id. Collection recovery runs with every name block off
(collection, title, franchise) for every source, so it measures content, not names.

Baselines: random, most popular in the same genre, TF-IDF over genres + title (what the
bootcamp projects did).
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import scipy.sparse as sp
from sklearn.feature_extraction.text import TfidfVectorizer

from recommender.features import ItemFeatures
from recommender.models.similar import top_k

K = 20
#: Blocks that read an item's name or its collection tag.
NAME_BLOCKS = ("collection", "title", "franchise")
STOP_WORDS_SEED = Path(__file__).resolve().parent.parent / "dbt_project/seeds/title_stop_words.csv"
TITLE_WORD = re.compile(r"[^\W\d_]{3,}")
TOP_ITEMS = 1000
Neighbours = Callable[[np.ndarray], np.ndarray]  # query rows -> (len(rows), K) item rows


@dataclass(frozen=True)
class Proxies:
    collection_rows: np.ndarray
    collection_of: np.ndarray  # per item: collection code or -1
    coliked_rows: np.ndarray
    coliked: dict[int, set[int]]  # query row -> its 10 most co-liked item rows


@dataclass(frozen=True)
class TitleEvidence:
    """Per item (rows aligned with the features): its title words and what else it could
    share with another item (collection code or -1, keyword ids, person ids)."""

    words: list[frozenset]
    collection: np.ndarray
    keywords: list[frozenset]
    people: list[frozenset]


def stop_words() -> frozenset[str]:
    """The en/fr/es/de/it stop words of the seed the build's audit.model_metrics reads."""
    with STOP_WORDS_SEED.open(encoding="utf-8") as handle:
        return frozenset(row["word"] for row in csv.DictReader(handle))


def title_words(titles: Sequence[str | None]) -> list[frozenset]:
    ignored = stop_words()
    return [
        frozenset(w for w in TITLE_WORD.findall((t or "").lower()) if w not in ignored)
        for t in titles
    ]


def title_only_rate(
    neighbours: np.ndarray, rows: np.ndarray, evidence: TitleEvidence, k: int = 10
) -> float:
    """Share of the top-k neighbours of `rows` that share a title word with the item and
    nothing else (no collection, keyword or person)."""
    title_only = total = 0
    for query, found in zip(rows, neighbours, strict=True):
        for other in found[:k]:
            total += 1
            if not evidence.words[query] & evidence.words[other]:
                continue
            same = evidence.collection[query]
            if same >= 0 and same == evidence.collection[other]:
                continue
            if evidence.keywords[query] & evidence.keywords[other]:
                continue
            if evidence.people[query] & evidence.people[other]:
                continue
            title_only += 1
    return title_only / total if total else 0.0


def most_known_rows(ids: np.ndarray, weight: np.ndarray, count: int = TOP_ITEMS) -> np.ndarray:
    """Rows of the `count` items with the largest weight (votes, score), ties by id."""
    order = np.lexsort((np.arange(len(ids)), -np.nan_to_num(weight, nan=0.0)))
    return np.sort(order[:count])


def movie_title_evidence(con, features: ItemFeatures, frame: pd.DataFrame) -> TitleEvidence:
    """Title words of ml_movie_features, every keyword (unpruned) and every cast or crew
    person of main.movie_keywords / movie_cast / movie_crew."""
    position = pd.Series(np.arange(len(features)), index=features.ids)

    def sets(sql: str) -> list[frozenset]:
        found = [frozenset()] * len(features)
        for movie_id, values in con.execute(sql).fetchall():
            if movie_id in position.index:
                found[int(position[movie_id])] = frozenset(values)
        return found

    frame = frame.sort_values("movie_id").reset_index(drop=True)
    return TitleEvidence(
        words=title_words(list(frame["title"])),
        collection=features.groups["collection"],
        keywords=sets("select movie_id, list(keyword_id) from main.movie_keywords group by 1"),
        people=sets(
            "select movie_id, list(person_id) from (select movie_id, person_id from "
            "main.movie_cast union select movie_id, person_id from main.movie_crew) group by 1"
        ),
    )


def streaming_title_evidence(frame: pd.DataFrame) -> TitleEvidence:
    """Title words and people (cast and directors) of ml_streaming_title_features."""
    frame = frame.sort_values("title_id").reset_index(drop=True)
    people = [
        frozenset(list(a if a is not None else []) + list(d if d is not None else []))
        for a, d in zip(frame["actors"], frame["directors"], strict=True)
    ]
    return TitleEvidence(
        words=title_words(list(frame["title"])),
        collection=np.full(len(frame), -1),
        keywords=[frozenset()] * len(frame),
        people=people,
    )


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
    name blocks off; `subset` picks the query rows."""
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
            content_model(features, without_names(weights)),
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


def without_names(weights: Mapping[str, float]) -> dict[str, float]:
    return {**weights, **{block: 0.0 for block in NAME_BLOCKS}}


def split_users(ratings: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(fit, truth): the ratings of the users with an even id fit the behavioural block, the
    ratings of the users with an odd id make the co-liking ground truth."""
    even = ratings["user_id"] % 2 == 0
    return ratings[even], ratings[~even]


def movie_report(
    frame: pd.DataFrame,
    ratings: pd.DataFrame,
    weights: Mapping[str, float],
    evidence: Callable[[ItemFeatures], TitleEvidence],
) -> dict[str, dict[str, float]]:
    """The three proxies for the content model and the three baselines. Co-liking and
    collection recovery on the films with an odd id (weights were searched on the even
    ones), the behavioural block fitted on even users, the truth from odd users; the
    title-only rate on the 1,000 most-voted films of the model as the build serves it
    (behavioural block fitted on every user). `frame` is ml_movie_features."""
    from recommender.features import movie_features

    frame = frame.sort_values("movie_id").reset_index(drop=True)
    fit, truth = split_users(ratings)
    features = movie_features(frame, fit)
    served = movie_features(frame, ratings)
    proxies = build_proxies(features, features.groups["collection"], truth)
    test = odd_ids(features)
    titles, genres = list(frame["title"]), list(frame["genre_names"])
    sources = {
        "random": (random_baseline(len(features)),) * 3,
        "popular_same_genre": (popular_same_genre_baseline(features),) * 3,
        "tfidf_genres_title": (
            tfidf_genres_title_baseline(titles, genres),
            tfidf_genres_title_baseline([""] * len(titles), genres),
            tfidf_genres_title_baseline(titles, genres),
        ),
        "content_model": (
            content_model(features, weights),
            content_model(features, without_names(weights)),
            content_model(served, weights),
        ),
    }
    top = most_known_rows(served.ids, frame["vote_count"].to_numpy(dtype=np.float64))
    known = evidence(served)
    report = {}
    for name, (source, names_off, as_served) in sources.items():
        report[name] = evaluate(source, proxies, names_off, test)
        report[name]["title_only_rate_at_10"] = title_only_rate(as_served(top), top, known)
        report[name]["collection_films"] = len(test(proxies.collection_rows))
        report[name]["coliked_films"] = len(test(proxies.coliked_rows))
    return report


def streaming_report(
    features: ItemFeatures, frame: pd.DataFrame, weights: Mapping[str, float]
) -> dict[str, dict[str, float]]:
    """Same-director recovery on the streaming catalogues, director feature switched off:
    for titles whose (first) director has other titles, the share of those found; and the
    title-only rate of the 1,000 highest-scored titles."""
    frame = frame.sort_values("title_id").reset_index(drop=True)
    director_of = features.groups["director"]
    rows = group_rows(director_of)
    top = most_known_rows(features.ids, frame["score"].to_numpy(dtype=np.float64))
    evidence = streaming_title_evidence(frame)
    sources = {
        "random": (random_baseline(len(features)),) * 2,
        "popular_same_genre": (popular_same_genre_baseline(features),) * 2,
        "tfidf_genres_title": (
            tfidf_genres_title_baseline(list(frame["title"]), list(frame["genres"])),
        )
        * 2,
        "content_model": (
            content_model(features, without(weights, "directors")),
            content_model(features, weights),
        ),
    }
    report = {}
    for name, (director_off, as_served) in sources.items():
        report[name] = group_recovery(director_off(rows), rows, director_of)
        report[name]["title_only_rate_at_10"] = title_only_rate(as_served(top), top, evidence)
        report[name]["titles"] = len(rows)
    return report


def format_table(title: str, report: Mapping[str, Mapping[str, float]], metrics: list[str]) -> str:
    widths = [max(16, len(m) + 2) for m in metrics]
    header = "".join(f"{m:>{w}}" for m, w in zip(metrics, widths, strict=True))
    lines = [title, f"{'model':<22}" + header]
    for name, values in report.items():
        row = "".join(f"{values[m]:>{w}.4f}" for m, w in zip(metrics, widths, strict=True))
        lines.append(f"{name:<22}" + row)
    return "\n".join(lines)


def run_evaluate_similar(con, search: bool = False, log: Callable[[str], None] = print) -> dict:
    """Everything `python -m recommender evaluate-similar` prints, from an open warehouse."""
    from recommender.features import movie_features, streaming_features
    from recommender.models.similar import MOVIE_WEIGHTS, STREAMING_WEIGHTS

    frame = con.execute("select * from staging.ml_movie_features").df()
    columns = {row[0] for row in con.execute("describe main.ratings").fetchall()}
    ratings = con.execute(
        "select user_id, movie_id, rating::double as rating from main.ratings "
        "where movie_id is not null"
        + (" and source = 'movielens'" if "source" in columns else "")  # as the build measures
    ).df()
    weights = dict(MOVIE_WEIGHTS)
    if search:
        fit, truth = split_users(ratings)
        features = movie_features(frame, fit)
        proxies = build_proxies(features, features.groups["collection"], truth)
        weights = search_weights(features, proxies, weights, even_ids(features), log=log)
        log(f"searched weights (even ids): {weights}")
    movies = movie_report(
        frame, ratings, weights, lambda features: movie_title_evidence(con, features, frame)
    )
    model = movies["content_model"]
    log(
        format_table(
            f"Similar movies: collection recovery (names off) and co-liking on films with an "
            f"odd id ({model['collection_films']:,} in collections, {model['coliked_films']:,} "
            f"with >= 20 ratings by odd users); title-only rate on the {TOP_ITEMS:,} most-voted",
            movies,
            [
                "recall_at_5",
                "recall_at_10",
                "mrr",
                "hit_rate_at_10",
                "overlap_at_10",
                "title_only_rate_at_10",
            ],
        )
    )
    streaming_frame = con.execute("select * from staging.ml_streaming_title_features").df()
    streaming = streaming_report(
        streaming_features(streaming_frame), streaming_frame, STREAMING_WEIGHTS
    )
    log(
        format_table(
            f"Similar streaming titles, same-director recovery with the director feature off "
            f"({streaming['content_model']['titles']:,} titles); title-only rate on the "
            f"{TOP_ITEMS:,} highest-scored",
            streaming,
            ["recall_at_5", "recall_at_10", "mrr", "title_only_rate_at_10"],
        )
    )
    return {"movies": movies, "streaming": streaming, "movie_weights": weights}


# --- inside the build ---------------------------------------------------------------------------


def served_model_proxies(
    movie_frame: pd.DataFrame, ratings: pd.DataFrame, streaming_frame: pd.DataFrame
) -> pd.DataFrame:
    """The proxies of the similar-items model the build serves (its weights, no baselines), as
    rows of `audit.model_metrics` (model, metric, value, measured_on): what `evaluate-similar`
    reports for `content_model`, on the same honest splits (behavioural block fitted on even
    users, co-liking truth from odd users, films with an odd id; collection recovery with the
    name blocks off; streaming same-director recovery with the director block off). A proxy
    with no query item (a small catalogue) is left out rather than reported as 0."""
    from recommender.features import movie_features, streaming_features
    from recommender.models.similar import MOVIE_WEIGHTS, STREAMING_WEIGHTS

    rows: list[tuple[str, str, float, int]] = []
    frame = movie_frame.sort_values("movie_id").reset_index(drop=True)
    if len(frame) > 1:
        fit, truth = split_users(ratings)
        features = movie_features(frame, fit)
        proxies = build_proxies(features, features.groups["collection"], truth)
        test = odd_ids(features)
        collection_rows = test(proxies.collection_rows)
        if len(collection_rows):
            names_off = content_model(features, without_names(MOVIE_WEIGHTS))(collection_rows)
            found = group_recovery(names_off, collection_rows, proxies.collection_of)
            rows += [
                ("similar_movies", f"collection_{name}_names_off", value, len(collection_rows))
                for name, value in found.items()
            ]
        coliked_rows = test(proxies.coliked_rows)
        if len(coliked_rows):
            neighbours = content_model(features, MOVIE_WEIGHTS)(coliked_rows)
            found = coliking(neighbours, coliked_rows, proxies.coliked)
            rows += [
                ("similar_movies", f"colike_{name}", value, len(coliked_rows))
                for name, value in found.items()
            ]
    streaming = streaming_frame.sort_values("title_id").reset_index(drop=True)
    if len(streaming) > 1:
        features = streaming_features(streaming)
        director_of = features.groups["director"]
        director_rows = group_rows(director_of)
        if len(director_rows):
            director_off = content_model(features, without(STREAMING_WEIGHTS, "directors"))
            found = group_recovery(director_off(director_rows), director_rows, director_of)
            rows += [
                ("streaming_similar_titles", f"director_{name}", value, len(director_rows))
                for name, value in found.items()
            ]
    return pd.DataFrame(rows, columns=["model", "metric", "value", "measured_on"])
