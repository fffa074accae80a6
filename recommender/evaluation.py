"""The fixed offline protocol for user recommenders (issue 7) and its metrics, pure numpy.

Protocol, used for every model:

- split: `datasets.temporal_split` (per user, the last 20 % of ratings by time are test);
- rating prediction: RMSE and MAE over every test pair, predictions clipped to [0.5, 5];
- top-10 ranking: for each test user, every film seen in train (by anyone) and not rated by
  that user in train is ranked; relevant = the user's test films rated >= 4.0; Precision@10,
  Recall@10 (hits / number relevant), nDCG@10 (binary gain, log2 discount, ideal DCG over
  min(relevant, 10) hits), averaged over the users with at least one relevant test film;
  catalogue coverage = distinct films in all test users' top-10 lists / films seen in train.

A model that does not predict ratings (a pure ranker) has no RMSE / MAE; one that cannot rank
(the global mean) has no ranking metrics: both are reported as None.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass

import numpy as np
import pandas as pd

from recommender.datasets import Ratings, temporal_split

#: Ratings are clipped to the MovieLens scale before scoring.
RATING_MIN, RATING_MAX = 0.5, 5.0
#: A test film is relevant when rated at least this.
RELEVANT_RATING = 4.0
#: List length of the ranking metrics.
K = 10

METRICS = ("rmse", "mae", "precision_at_10", "recall_at_10", "ndcg_at_10", "coverage")


# -- metrics -----------------------------------------------------------------------------------


def rmse(y_true: np.ndarray, y_pred: np.ndarray) -> float:
    diff = np.asarray(y_true, dtype=float) - np.asarray(y_pred, dtype=float)
    return float(np.sqrt(np.mean(diff**2)))


def mae(y_true: np.ndarray, y_pred: np.ndarray) -> float:
    diff = np.asarray(y_true, dtype=float) - np.asarray(y_pred, dtype=float)
    return float(np.mean(np.abs(diff)))


def hit_matrix(recommended: np.ndarray, relevant: list[np.ndarray]) -> np.ndarray:
    """hits[u, r] = the item at rank r + 1 of user u's list is relevant to u.

    `recommended` is (users, k) item ids (padded with -1 when a list is short); `relevant`
    gives each user's relevant item ids.
    """
    recommended = np.asarray(recommended)
    hits = np.zeros(recommended.shape, dtype=bool)
    for row, items in enumerate(relevant):
        hits[row] = np.isin(recommended[row], items) & (recommended[row] >= 0)
    return hits


def precision_at_k(hits: np.ndarray, k: int = K) -> np.ndarray:
    """Per user: hits in the first k / k."""
    return hits[:, :k].sum(axis=1) / k


def recall_at_k(hits: np.ndarray, n_relevant: np.ndarray, k: int = K) -> np.ndarray:
    """Per user: hits in the first k / number of relevant items."""
    return hits[:, :k].sum(axis=1) / np.asarray(n_relevant, dtype=float)


def ndcg_at_k(hits: np.ndarray, n_relevant: np.ndarray, k: int = K) -> np.ndarray:
    """Per user: DCG of the first k (binary gain, 1 / log2(rank + 1)) / the ideal DCG, which
    places min(number relevant, k) hits first."""
    hits = hits[:, :k]
    discounts = 1.0 / np.log2(np.arange(2, k + 2))
    dcg = (hits * discounts[: hits.shape[1]]).sum(axis=1)
    ideal_hits = np.minimum(np.asarray(n_relevant), k)
    ideal = np.concatenate([[0.0], np.cumsum(discounts)])[ideal_hits]
    return dcg / ideal


def catalogue_coverage(recommended: np.ndarray, catalogue_size: int) -> float:
    """Distinct items over every list / the number of items that could be recommended."""
    items = np.unique(np.asarray(recommended))
    return float(np.sum(items >= 0) / catalogue_size)


# -- the protocol ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Evaluation:
    """One model's figures on the protocol (None where the model does not apply)."""

    rmse: float | None
    mae: float | None
    precision_at_10: float | None
    recall_at_10: float | None
    ndcg_at_10: float | None
    coverage: float | None
    fit_seconds: float

    def as_dict(self) -> dict[str, float | None]:
        return asdict(self)


def relevant_items(test: Ratings, users: np.ndarray) -> list[np.ndarray]:
    """Each user's test items rated at least RELEVANT_RATING (sorted ids)."""
    liked = test.ratings >= RELEVANT_RATING
    order = np.argsort(test.user_ids[liked], kind="stable")
    liked_users = test.user_ids[liked][order]
    liked_items = test.item_ids[liked][order]
    starts = np.searchsorted(liked_users, users, side="left")
    ends = np.searchsorted(liked_users, users, side="right")
    return [np.sort(liked_items[s:e]) for s, e in zip(starts, ends, strict=True)]


def evaluate_ratings(model, test: Ratings) -> tuple[float, float]:
    predicted = np.clip(model.predict(test.user_ids, test.item_ids), RATING_MIN, RATING_MAX)
    return rmse(test.ratings, predicted), mae(test.ratings, predicted)


def evaluate_ranking(model, train: Ratings, test: Ratings, k: int = K) -> dict[str, float]:
    users = np.unique(test.user_ids)
    recommended, _ = model.recommend(users, k=k, exclude_seen=True)
    relevant = relevant_items(test, users)
    n_relevant = np.array([len(items) for items in relevant])
    hits = hit_matrix(recommended, relevant)
    scored = n_relevant > 0
    return {
        "precision_at_10": float(precision_at_k(hits[scored], k).mean()),
        "recall_at_10": float(recall_at_k(hits[scored], n_relevant[scored], k).mean()),
        "ndcg_at_10": float(ndcg_at_k(hits[scored], n_relevant[scored], k).mean()),
        "coverage": catalogue_coverage(recommended, train.n_items),
    }


def evaluate(model, train: Ratings, test: Ratings, k: int = K) -> Evaluation:
    """Fit `model` on train and measure it on test."""
    started = time.perf_counter()
    model.fit(train)
    fit_seconds = time.perf_counter() - started
    figures: dict[str, float | None] = dict.fromkeys(METRICS)
    if model.predicts_ratings:
        figures["rmse"], figures["mae"] = evaluate_ratings(model, test)
    if model.ranks:
        figures.update(evaluate_ranking(model, train, test, k))
    return Evaluation(**figures, fit_seconds=fit_seconds)


def evaluate_models(
    data: Ratings,
    models: Iterable[tuple[str, Callable[[], object]]],
    progress: Callable[[str, Evaluation], None] | None = None,
) -> dict[str, Evaluation]:
    """The protocol for every (name, factory): one split, each model fitted on its train."""
    train, test = temporal_split(data)
    results: dict[str, Evaluation] = {}
    for name, factory in models:
        results[name] = evaluate(factory(), train, test)
        if progress is not None:
            progress(name, results[name])
    return results


def format_table(results: dict[str, Evaluation]) -> str:
    """The evaluation as a Markdown table (what the README shows)."""
    header = "| model | RMSE | MAE | P@10 | R@10 | nDCG@10 | coverage | fit s |"
    lines = [header, "|---|---:|---:|---:|---:|---:|---:|---:|"]
    for name, result in results.items():
        cells = [
            "—" if value is None else f"{value:.4f}"
            for value in (
                result.rmse,
                result.mae,
                result.precision_at_10,
                result.recall_at_10,
                result.ndcg_at_10,
                result.coverage,
            )
        ]
        lines.append(f"| {name} | {' | '.join(cells)} | {result.fit_seconds:.2f} |")
    return "\n".join(lines)


# -- inside the build --------------------------------------------------------------------------

#: The name the build's model metrics and the registry give the served user model.
SERVED_USER_MODEL = "user_recommendations"


def served_model_metrics(ratings: pd.DataFrame, model) -> pd.DataFrame:
    """The fixed protocol for the model a build serves, as rows of `audit.model_metrics`
    (model, metric, value, measured_on).

    `ratings` is the build's `ratings` (user_id, movielens_id, rating, rated_at, and `source`
    when the build has feedback). The split is the protocol's, over the MovieLens rows only:
    feedback rows are training data, never test, so every build is measured on the same test
    ratings and two builds' figures can be compared (the model gate does). Rows without a
    MovieLens film id cannot enter this model and are left out."""
    ratings = ratings.dropna(subset=["movielens_id"])
    is_feedback = (
        ratings["source"].eq("feedback").to_numpy()
        if "source" in ratings.columns
        else np.zeros(len(ratings), dtype=bool)
    )
    data = Ratings.from_frame(ratings, item="movielens_id", timestamp="rated_at")
    train, test = temporal_split(data.subset(~is_feedback))
    feedback = data.subset(is_feedback)
    train = Ratings.from_arrays(
        np.r_[train.user_ids, feedback.user_ids],
        np.r_[train.item_ids, feedback.item_ids],
        np.r_[train.ratings, feedback.ratings],
        np.r_[train.timestamps, feedback.timestamps],
    )
    if not len(test):
        return pd.DataFrame(columns=["model", "metric", "value", "measured_on"])
    result = evaluate(model, train, test)
    scored_users = int(
        sum(len(items) > 0 for items in relevant_items(test, np.unique(test.user_ids)))
    )
    rows = [
        (name, value, len(test) if name in ("rmse", "mae") else scored_users)
        for name, value in result.as_dict().items()
        if value is not None and name != "fit_seconds"
    ]
    return pd.DataFrame(
        {
            "model": SERVED_USER_MODEL,
            "metric": [name for name, _, _ in rows],
            "value": [float(value) for _, value, _ in rows],
            "measured_on": [int(n) for _, _, n in rows],
        }
    )
