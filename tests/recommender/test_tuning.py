"""The hyper-parameter search: validation carved from train only, each stage's best kept,
every trial reported, and its names the ones a build's --model-param takes."""

from __future__ import annotations

import numpy as np
import pytest

from recommender import tuning
from recommender.datasets import Ratings, temporal_split
from recommender.serving import MODEL_PARAMETERS, served_model


@pytest.fixture(scope="module")
def ratings() -> Ratings:
    """80 users in two taste groups over 40 items, each rating 12 films at distinct times."""
    rng = np.random.default_rng(3)
    users, items, values = [], [], []
    for user in range(80):
        group = user % 2
        own = rng.choice(np.arange(group, 40, 2), size=9, replace=False)
        other = rng.choice(np.arange(1 - group, 40, 2), size=3, replace=False)
        for item, mean in [*((i, 4.2) for i in own), *((i, 2.2) for i in other)]:
            users.append(user + 1)
            items.append(int(item) + 100)
            values.append(float(np.clip(np.round((mean + rng.normal(0, 0.6)) * 2) / 2, 0.5, 5)))
    return Ratings.from_arrays(users, items, values, np.arange(len(users)))


def _pairs(data: Ratings) -> set[tuple[int, int]]:
    return set(zip(data.user_ids.tolist(), data.item_ids.tolist(), strict=True))


def test_validation_is_carved_from_train_and_never_touches_test(ratings):
    train, test = temporal_split(ratings)
    fit, valid = tuning.validation_split(ratings)
    assert _pairs(fit) | _pairs(valid) == _pairs(train)
    assert not (_pairs(fit) | _pairs(valid)) & _pairs(test)
    assert len(valid) > 0


def test_every_searched_name_is_a_model_parameter_and_the_served_values_are_in_the_grids():
    grids = {
        **tuning.RATING_GRID,
        **tuning.IMPLICIT_GRID,
        **tuning.CONFIDENCE_GRID,
        **tuning.LIKE_GRID,
    }
    assert set(grids) <= set(MODEL_PARAMETERS)
    served = tuning.served_settings()
    assert all(served[name] in values for name, values in grids.items())
    model = served_model({name: str(values[0]) for name, values in grids.items()})
    assert model.explicit.factors == grids["explicit.factors"][0]
    assert model.steepness == grids["steepness"][0]


def test_the_search_keeps_each_stage_best_and_reports_every_trial(ratings, monkeypatch):
    monkeypatch.setattr(tuning, "RATING_GRID", {"explicit.factors": [2, 4]})
    monkeypatch.setattr(
        tuning,
        "IMPLICIT_GRID",
        {"implicit.factors": [2, 4], "implicit.regularization": [1.0, 1000.0]},
    )
    monkeypatch.setattr(tuning, "CONFIDENCE_GRID", {"implicit.alpha": [5.0]})
    monkeypatch.setattr(tuning, "LIKE_GRID", {"threshold": [3.5, 4.5], "steepness": [3.0]})
    seen = []
    result = tuning.search(ratings, seen.append)
    assert seen == result.trials
    assert [t.stage for t in result.trials] == ["rating"] * 2 + ["implicit"] * 4 + [
        "confidence"
    ] + ["like"] * 2
    for stage, metric, better in [("rating", "rmse", min), ("implicit", "ndcg_at_10", max)]:
        trials = [t for t in result.trials if t.stage == stage]
        assert {t.metric for t in trials} == {metric}
        best = better(trials, key=lambda t: t.value)
        assert all(result.chosen[k] == v for k, v in best.parameters.items())
    # A huge regularization flattens the implicit factors: never the choice on two groups.
    assert result.chosen["implicit.regularization"] == 1.0
    assert set(result.chosen) == {
        "explicit.factors",
        "implicit.factors",
        "implicit.regularization",
        "implicit.alpha",
        "threshold",
        "steepness",
    }
    assert result.fit_ratings + result.validation_ratings == len(temporal_split(ratings)[0])


def test_the_command_logs_each_trial_as_a_nested_run(ratings, tmp_path, monkeypatch):
    import duckdb
    from mlflow import MlflowClient

    from recommender.__main__ import main
    from warehouse.settings import get_settings

    warehouse = tmp_path / "w.duckdb"
    with duckdb.connect(str(warehouse)) as con:
        con.execute(
            "create table main.ratings (user_id int, movielens_id int, movie_id int,"
            " rating decimal(2, 1), rated_at timestamp, source varchar)"
        )
        rows = [
            (int(u), int(i), None, float(r), int(t), "movielens")
            for u, i, r, t in zip(
                ratings.user_ids,
                ratings.item_ids,
                ratings.ratings,
                ratings.timestamps,
                strict=True,
            )
        ]
        rows.append((1, 100, None, 5.0, 10**6, "feedback"))  # never read by the protocol
        con.executemany("insert into main.ratings values (?, ?, ?, ?, to_timestamp(?), ?)", rows)
    uri = f"sqlite:///{tmp_path / 'mlflow.sqlite'}"
    monkeypatch.setenv("MLFLOW_TRACKING_URI", uri)
    get_settings.cache_clear()
    monkeypatch.setattr(tuning, "RATING_GRID", {"explicit.factors": [2, 4]})
    monkeypatch.setattr(tuning, "IMPLICIT_GRID", {"implicit.factors": [2]})
    monkeypatch.setattr(tuning, "CONFIDENCE_GRID", {"implicit.alpha": [5.0]})
    monkeypatch.setattr(tuning, "LIKE_GRID", {"threshold": [3.5]})
    try:
        code = main(
            ["evaluate-users", "--search", "--warehouse", str(warehouse), "--json",
             str(tmp_path / "search.json")]
        )  # fmt: skip
    finally:
        get_settings.cache_clear()
    assert code == 0
    client = MlflowClient(tracking_uri=uri)
    experiment = client.get_experiment_by_name("user-model-tuning")
    runs = client.search_runs([experiment.experiment_id])
    parents = [r for r in runs if "mlflow.parentRunId" not in r.data.tags]
    children = [r for r in runs if "mlflow.parentRunId" in r.data.tags]
    assert len(parents) == 1 and len(children) == 5
    assert {r.data.tags["mlflow.parentRunId"] for r in children} == {parents[0].info.run_id}
    assert parents[0].data.params["chosen.implicit.factors"] == "2"
    assert all(r.data.metrics for r in children)
