"""The model gate and the registry: a worse model is refused and the live build stays byte for
byte; an accepted regression is recorded; every build is an MLflow run and the `live` alias
follows the swap."""

from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path

import duckdb
import pytest

from tests.conftest import FIXTURE_RAW
from warehouse.build import BuildFailed, build
from warehouse.model_gate import compare, model_gate, rules
from warehouse.progress import BuildProgress
from warehouse.publish import BuildRefused
from warehouse.raw import resolve_raw_input
from warehouse.settings import get_settings

RULES = rules(max_ndcg_drop=0.02, max_rmse_rise=0.005)
LIVE = {
    ("user_recommendations", "ndcg_at_10"): 0.1150,
    ("user_recommendations", "rmse"): 0.8923,
    ("similar_movies", "collection_recall_at_10"): 0.80,
    ("similar_movies", "colike_hit_rate_at_10"): 0.5246,
    ("similar_movies", "title_only_rate_at_10"): 0.0023,
    ("streaming_similar_titles", "title_only_rate_at_10"): 0.0198,
}


def verdicts(new):
    return {(c.model, c.metric): c.verdict for c in compare(LIVE, new, RULES)}


@pytest.mark.parametrize(
    ("key", "value", "verdict"),
    [
        (("user_recommendations", "ndcg_at_10"), 0.1150 * 0.985, "pass"),  # -1.5 %
        (("user_recommendations", "ndcg_at_10"), 0.1150 * 0.975, "refuse"),  # -2.5 %
        (("user_recommendations", "ndcg_at_10"), 0.20, "pass"),  # better
        (("user_recommendations", "rmse"), 0.8923 + 0.004, "pass"),
        (("user_recommendations", "rmse"), 0.8923 + 0.006, "refuse"),
        (("user_recommendations", "rmse"), 0.80, "pass"),
        (("similar_movies", "collection_recall_at_10"), 0.79, "pass"),  # -1.25 %
        (("similar_movies", "collection_recall_at_10"), 0.78, "refuse"),  # -2.5 %
        (("similar_movies", "colike_hit_rate_at_10"), 0.5246 * 0.985, "pass"),
        (("similar_movies", "colike_hit_rate_at_10"), 0.5246 * 0.97, "refuse"),
        (("similar_movies", "title_only_rate_at_10"), 0.0023 + 0.004, "pass"),
        (("similar_movies", "title_only_rate_at_10"), 0.0023 + 0.006, "refuse"),
        (("streaming_similar_titles", "title_only_rate_at_10"), 0.03, "refuse"),
    ],
)
def test_each_rule_refuses_beyond_its_tolerance_only(key, value, verdict):
    assert verdicts({**LIVE, key: value})[key] == verdict
    others = {k: v for k, v in verdicts({**LIVE, key: value}).items() if k != key}
    assert set(others.values()) == {"pass"}


def test_missing_figures_neither_refuse():
    new = dict(LIVE)
    del new[("similar_movies", "collection_recall_at_10")]
    found = {(c.model, c.metric): c.verdict for c in compare({}, LIVE, RULES)}
    assert set(found.values()) == {"no baseline"}
    found = verdicts(new)
    assert found[("similar_movies", "collection_recall_at_10")] == "not measured"


def _metrics_file(path: Path, figures) -> Path:
    with duckdb.connect(str(path)) as con:
        con.execute("create schema audit")
        con.execute(
            "create table audit.model_metrics (build_id varchar, model varchar, metric varchar,"
            " value double, measured_on bigint)"
        )
        con.executemany(
            "insert into audit.model_metrics values (?, ?, ?, ?, 1)",
            [[path.stem, m, k, v] for (m, k), v in figures.items()],
        )
    return path


def test_the_gate_records_every_comparison_and_explains_a_refusal(tmp_path):
    live = _metrics_file(tmp_path / "live.duckdb", LIVE)
    worse = {**LIVE, ("user_recommendations", "ndcg_at_10"): 0.0786}
    new = _metrics_file(tmp_path / "new.duckdb", worse)
    with pytest.raises(BuildRefused) as refused:
        model_gate(new, live, max_ndcg_drop=0.02, max_rmse_rise=0.005, accept_regression=False)
    message = str(refused.value)
    assert "ndcg_at_10 0.1150 -> 0.0786" in message
    assert "--accept-regression" in message
    with duckdb.connect(str(new), read_only=True) as con:
        rows = con.execute(
            "select metric, verdict, live_build_id from audit.model_gate order by metric"
        ).fetchall()
    assert ("ndcg_at_10", "refuse", "live") in rows
    assert len(rows) == len(RULES)

    compared = model_gate(
        new, live, max_ndcg_drop=0.02, max_rmse_rise=0.005, accept_regression=True
    )
    assert {c.verdict for c in compared} == {"pass", "accepted"}
    with duckdb.connect(str(new), read_only=True) as con:
        assert con.execute(
            "select verdict from audit.model_gate where metric = 'ndcg_at_10'"
        ).fetchone() == ("accepted",)


# -- a real build: refused, then accepted -------------------------------------------------------


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def registry(tmp_path, monkeypatch):
    """A tracking store of this test's own (the build reads it through the settings)."""
    uri = f"sqlite:///{tmp_path / 'mlflow.sqlite'}"
    monkeypatch.setenv("MLFLOW_TRACKING_URI", uri)
    get_settings.cache_clear()
    yield uri
    get_settings.cache_clear()


def _client(uri):
    from mlflow import MlflowClient

    return MlflowClient(tracking_uri=uri, registry_uri=uri)


def test_a_worse_model_is_refused_and_an_accepted_one_is_recorded(
    fixture_warehouse, tmp_path, registry
):
    # The live build: the session's fixture build, registered in this test's store.
    live_path = tmp_path / "live" / "warehouse.duckdb"
    (live_path.parent / "builds").mkdir(parents=True)
    live_file = live_path.parent / "builds" / fixture_warehouse.name
    shutil.copyfile(fixture_warehouse, live_file)
    os.symlink(live_file, live_path)
    before = _sha256(live_file)
    raw = resolve_raw_input(FIXTURE_RAW)
    worse = {"explicit.reg_bias": "100"}  # predictions pulled to the mean: RMSE rises

    with pytest.raises(BuildFailed) as failed:
        build(raw, live_path, BuildProgress(quiet=True), model_parameters=worse)
    assert "model gate refused" in str(failed.value)
    assert "user_recommendations rmse" in str(failed.value)
    assert os.path.realpath(live_path) == str(live_file)
    assert _sha256(live_file) == before
    assert sorted(p.name for p in live_file.parent.glob("*.duckdb")) == [live_file.name]

    client = _client(registry)
    experiment = client.get_experiment_by_name("warehouse-builds")
    refused = client.search_runs([experiment.experiment_id])
    assert [r.data.tags["outcome"] for r in refused] == ["refused"]
    assert refused[0].data.tags["gate.user_recommendations.rmse"] == "refuse"

    result = build(
        raw,
        live_path,
        BuildProgress(quiet=True),
        model_parameters=worse,
        accept_regression=True,
    )
    assert os.path.realpath(live_path) == str(result.build_file)
    with duckdb.connect(str(result.build_file), read_only=True) as con:
        gate = dict(
            con.execute(
                "select metric, verdict from audit.model_gate where model = 'user_recommendations'"
            ).fetchall()
        )
        registered = con.execute(
            "select registered_model, version, mlflow_run_id, build_id"
            " from audit.model_registry order by 1"
        ).fetchall()
        reg_bias = con.execute("select rating_reg_bias from main.user_model_parameters").fetchone()
    assert gate["rmse"] == "accepted"
    assert reg_bias == (100.0,)
    assert [(name, version) for name, version, _, _ in registered] == [
        ("similar-items", "1"),
        ("user-recommender", "1"),
    ]
    run_id = registered[0][2]
    assert registered[0][3] == result.build_file.stem
    run = client.get_run(run_id)
    assert run.data.tags["outcome"] == "published"
    assert run.data.tags["build_id"] == result.build_file.stem
    assert run.data.metrics["user_recommendations.rmse"] > 0
    assert run.data.params["data.ratings_rows"] == "33"
    for name in ("user-recommender", "similar-items"):
        live = client.get_model_version_by_alias(name, "live")
        assert (str(live.version), live.run_id) == ("1", run_id)
    runs = client.search_runs([experiment.experiment_id])
    assert sorted(r.data.tags["outcome"] for r in runs) == ["published", "refused"]
