"""`GET /models` and the live models' figures on /metrics: what the build registered, read
from the build itself (the API never imports MLflow)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Iterator

import duckdb
import pytest
from litestar.testing import TestClient

from api.app import create_app


@pytest.fixture(scope="module")
def registered_client(fixture_warehouse) -> Iterator[TestClient]:
    """The app over the session's fixture build, made by `build()`: registered in MLflow."""
    with TestClient(create_app(str(fixture_warehouse))) as client:
        yield client


def test_the_model_card_is_what_the_build_measured_and_registered(
    registered_client, fixture_warehouse
):
    response = registered_client.get("/models")
    assert response.status_code == 200, response.text
    card = response.json()
    with duckdb.connect(str(fixture_warehouse), read_only=True) as con:
        metrics = con.execute("select model, metric, value from audit.model_metrics").fetchall()
        registry = dict(
            con.execute("select registered_model, version from audit.model_registry").fetchall()
        )
        run_id = con.execute("select distinct mlflow_run_id from audit.model_registry").fetchall()
        by_source = dict(
            con.execute("select source, count(*) from main.ratings group by source").fetchall()
        )
    assert card["build_id"] == fixture_warehouse.stem
    assert [(run_id[0][0],)] == [(card["mlflow_run_id"],)]
    assert card["training_rows"] == {
        "movielens": by_source.get("movielens", 0),
        "feedback": by_source.get("feedback", 0),
    }
    assert {m["name"]: m["version"] for m in card["models"]} == registry
    served = {
        f"{model}.{metric}": value
        for m in card["models"]
        for model, metric, value in [(*key.split(".", 1), v) for key, v in m["metrics"].items()]
    }
    assert served == {f"{model}.{metric}": value for model, metric, value in metrics}
    user = next(m for m in card["models"] if m["name"] == "user-recommender")
    assert set(user["metrics"]) >= {
        "user_recommendations.ndcg_at_10",
        "user_recommendations.rmse",
    }
    assert user["parameters"]["implicit_factor_count"] == 64
    similar = next(m for m in card["models"] if m["name"] == "similar-items")
    assert similar["parameters"]["movies.title"] == 0.0
    assert "similar_movies.title_only_rate_at_10" in similar["metrics"]


def test_metrics_show_the_live_models_figures(registered_client):
    text = registered_client.get("/metrics").text
    lines = [line for line in text.splitlines() if line.startswith("live_model_metric{")]
    assert any(
        'registered_model="user-recommender"' in line and 'metric="ndcg_at_10"' in line
        for line in lines
    )
    assert any('model="streaming_similar_titles"' in line for line in lines)


def test_a_build_that_registered_nothing_answers_503(api_build, tmp_path):
    # dbt alone leaves the registry empty (the api fixture adds its rows): remove them.
    copy = tmp_path / api_build.name
    shutil.copyfile(api_build, copy)
    with duckdb.connect(str(copy)) as con:
        con.execute("delete from audit.model_registry")
    with TestClient(create_app(str(copy))) as client:
        response = client.get("/models")
    assert response.status_code == 503
    assert response.headers["content-type"].startswith("application/problem+json")
    assert "model card" in response.json()["detail"]


def test_the_api_process_never_imports_mlflow(fixture_warehouse):
    code = (
        "import sys\n"
        "from litestar.testing import TestClient\n"
        "from api.app import create_app\n"
        f"with TestClient(create_app({str(fixture_warehouse)!r})) as c:\n"
        "    assert c.get('/models').status_code == 200\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'mlflow'))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    assert result.stdout.strip().splitlines()[-1] == "[]"
