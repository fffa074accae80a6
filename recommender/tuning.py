"""The search that chose the served user model's hyper-parameters, re-runnable.

`python -m warehouse evaluate users --search` (or `python -m recommender evaluate-users
--search`) runs it on the built warehouse's MovieLens ratings and logs every trial to MLflow.

Validation: the protocol's split (`datasets.temporal_split`) gives train and test; the search
splits *train* again the same way (fit / validation) and never reads test, so the figures the
README reports on test stay honest.

The served model has two parts fitted independently and a like factor that combines them, so
the search is staged, each stage a full grid over its own parameters with the earlier stages'
choices fixed:

1. rating part (`BiasedMF`): factors x reg_factors x reg_factors_per_rating x reg_bias, by
   validation RMSE (what the part is for: predicting the rating);
2. implicit part (`ImplicitALS`): factors x regularization, then alpha x power at the best
   pair, by validation nDCG@10 of the implicit model alone;
3. like factor (`WatchAndLike`): threshold x steepness with both parts fitted once, by
   validation nDCG@10 of the product.

Ties keep the first value listed (the grids list the simpler or smaller values first).
Iterations, seeds and initial scales are not searched (fixed in the models).
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from recommender.datasets import Ratings, temporal_split
from recommender.evaluation import evaluate_ranking, evaluate_ratings
from recommender.models.ials import ImplicitALS
from recommender.models.mf import BiasedMF
from recommender.models.watch_and_like import WatchAndLike

#: The grids of each stage, in the order they are searched (names as `--model-param` takes).
RATING_GRID: dict[str, list[Any]] = {
    "explicit.factors": [8, 16, 32],
    "explicit.reg_factors": [4.0, 8.0, 16.0],
    "explicit.reg_factors_per_rating": [0.0, 0.05, 0.1],
    "explicit.reg_bias": [1.0, 3.0, 10.0],
}
IMPLICIT_GRID: dict[str, list[Any]] = {
    "implicit.factors": [32, 64, 128],
    "implicit.regularization": [1.0, 5.0, 10.0, 20.0, 50.0, 100.0],
}
CONFIDENCE_GRID: dict[str, list[Any]] = {
    "implicit.alpha": [1.0, 2.5, 5.0, 10.0],
    "implicit.power": [1.0, 2.0],
}
LIKE_GRID: dict[str, list[Any]] = {
    "threshold": [3.0, 3.25, 3.5, 3.75, 4.0],
    "steepness": [1.5, 3.0, 5.0, 8.0],
}


@dataclass(frozen=True)
class Trial:
    stage: str
    parameters: dict[str, Any]  # the stage's own parameters
    metric: str
    value: float
    seconds: float


@dataclass
class SearchResult:
    chosen: dict[str, Any] = field(default_factory=dict)
    trials: list[Trial] = field(default_factory=list)
    fit_ratings: int = 0
    validation_ratings: int = 0


Report = Callable[[Trial], None]


def validation_split(data: Ratings) -> tuple[Ratings, Ratings]:
    """(fit, validation): the protocol's split of the protocol's train; test is never read."""
    train, _test = temporal_split(data)
    return temporal_split(train)


def _grid(grid: Mapping[str, list[Any]]) -> Iterable[dict[str, Any]]:
    names = list(grid)
    for values in itertools.product(*(grid[name] for name in names)):
        yield dict(zip(names, values, strict=True))


def _field(name: str) -> str:
    return name.rpartition(".")[2]


def _best(trials: list[Trial], lower_is_better: bool) -> Trial:
    key = (lambda t: t.value) if lower_is_better else (lambda t: -t.value)
    return min(trials, key=key)  # min keeps the first of equal values


def search(data: Ratings, report: Report | None = None) -> SearchResult:
    """Run the three stages on `data` (MovieLens ratings) and return the chosen settings."""
    fit, valid = validation_split(data)
    result = SearchResult(fit_ratings=len(fit), validation_ratings=len(valid))

    def run(stage: str, parameters: dict[str, Any], metric: str, measure) -> Trial:
        started = time.perf_counter()
        value = measure()
        trial = Trial(stage, parameters, metric, value, time.perf_counter() - started)
        result.trials.append(trial)
        if report is not None:
            report(trial)
        return trial

    # 1. the rating part, by validation RMSE.
    def rating_rmse(parameters):
        model = BiasedMF(**{_field(k): v for k, v in parameters.items()}).fit(fit)
        return evaluate_ratings(model, valid)[0]

    stage = [run("rating", p, "rmse", lambda p=p: rating_rmse(p)) for p in _grid(RATING_GRID)]
    result.chosen.update(_best(stage, lower_is_better=True).parameters)

    # 2. the implicit part, by validation nDCG@10 of the implicit model alone.
    def implicit_ndcg(parameters):
        model = ImplicitALS(**{_field(k): v for k, v in parameters.items()}).fit(fit)
        return evaluate_ranking(model, fit, valid)["ndcg_at_10"]

    stage = [
        run("implicit", p, "ndcg_at_10", lambda p=p: implicit_ndcg(p)) for p in _grid(IMPLICIT_GRID)
    ]
    size = _best(stage, lower_is_better=False).parameters
    stage = [
        run("confidence", p, "ndcg_at_10", lambda p=p: implicit_ndcg({**size, **p}))
        for p in _grid(CONFIDENCE_GRID)
    ]
    result.chosen.update(size)
    result.chosen.update(_best(stage, lower_is_better=False).parameters)

    # 3. the like factor, both parts fitted once with the choices so far.
    explicit = BiasedMF(
        **{_field(k): v for k, v in result.chosen.items() if k.startswith("explicit.")}
    ).fit(fit)
    implicit = ImplicitALS(
        **{_field(k): v for k, v in result.chosen.items() if k.startswith("implicit.")}
    ).fit(fit)

    def product_ndcg(parameters):
        model = WatchAndLike(implicit=implicit, explicit=explicit, **parameters)
        model.train_ = fit
        return evaluate_ranking(model, fit, valid)["ndcg_at_10"]

    stage = [run("like", p, "ndcg_at_10", lambda p=p: product_ndcg(p)) for p in _grid(LIKE_GRID)]
    result.chosen.update(_best(stage, lower_is_better=False).parameters)
    return result


def served_settings() -> dict[str, Any]:
    """The served model's settings, in the search's names: what the search should reproduce."""
    model = WatchAndLike()
    names = [*RATING_GRID, *IMPLICIT_GRID, *CONFIDENCE_GRID, *LIKE_GRID]
    values = {}
    for name in names:
        part, _, attribute = name.rpartition(".")
        owner = {"explicit": model.explicit, "implicit": model.implicit, "": model}[part]
        values[name] = getattr(owner, attribute)
    return values
