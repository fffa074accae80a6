"""The model registry: every published build is an MLflow run, its models new versions.

Why MLflow, embedded: the registry is where a person looks to see which model serves, what it
was trained on and how it measured, and how it compares with the builds before it. MLflow's
SQLite tracking store (`mlflow.sqlite` beside the live warehouse path, or MLFLOW_TRACKING_URI)
needs no server; `make mlflow-ui` browses it. MLflow costs about 2.3 s and 180 MB to import,
so only the build imports it (lazily, in this module); the API reads what the build wrote into
its own file (`audit.model_registry`, behind `api.model_versions` and GET /models).

For each build that passed both gates, before the swap:
- one run in the experiment `warehouse-builds`, named by the build id, with the served models'
  parameters, every figure of `audit.model_metrics` (`<model>.<metric>`), the row counts and
  checksums of what the models were trained on, and the gate's verdicts as tags;
- the run's artifacts: `model_card.json` (what GET /models answers) and one folder per
  registered model holding its settings;
- a new version of the registered models `user-recommender` and `similar-items`, tagged with
  the build id; their rows are written to the new build's `audit.model_registry`.
After the swap, `set_live` moves the alias `live` to the versions of the build now serving.
A build the model gate refused is logged as a run (tag `outcome=refused`) with no version.
"""

from __future__ import annotations

import json
import tempfile
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb

EXPERIMENT = "warehouse-builds"
LIVE_ALIAS = "live"

#: Registered model -> the published relations (model names of `audit.model_metrics`) it covers.
REGISTERED_MODELS: dict[str, tuple[str, ...]] = {
    "user-recommender": ("user_recommendations",),
    "similar-items": ("similar_movies", "streaming_similar_titles"),
}

#: Tables whose content the models were trained on: a row count and an md5 of every row each.
TRAINING_TABLES = {
    "ratings": "main.ratings",
    "movie_features": "staging.ml_movie_features",
    "streaming_title_features": "staging.ml_streaming_title_features",
}


@dataclass
class Registration:
    run_id: str
    versions: dict[str, str] = field(default_factory=dict)  # registered model -> version

    def describe(self) -> str:
        versions = ", ".join(f"{name} v{version}" for name, version in self.versions.items())
        return f"MLflow run {self.run_id[:8]}: {versions or 'no versions'}"


class RegistryError(Exception):
    """MLflow could not record the build; the message says why (the build is not published:
    a serving model the registry does not know of would break the record)."""


def _table_exists(con: duckdb.DuckDBPyConnection, qualified: str) -> bool:
    schema, table = qualified.split(".")
    return bool(
        con.execute(
            "select count(*) from duckdb_tables() where schema_name = ? and table_name = ?",
            [schema, table],
        ).fetchone()[0]
    )


def training_data(con: duckdb.DuckDBPyConnection) -> dict[str, Any]:
    """Row counts and content checksums of the training tables, and ratings by source."""
    figures: dict[str, Any] = {}
    for name, qualified in TRAINING_TABLES.items():
        if not _table_exists(con, qualified):
            continue
        rows, digest = con.execute(
            f"select count(*), md5(coalesce(string_agg(t::varchar, chr(10)"
            f" order by t::varchar), '')) from {qualified} as t"
        ).fetchone()
        figures[f"{name}_rows"] = rows
        figures[f"{name}_md5"] = digest
    if _table_exists(con, "main.ratings"):
        columns = {r[0] for r in con.execute("describe main.ratings").fetchall()}
        by_source = (
            con.execute("select source, count(*) from main.ratings group by source").fetchall()
            if "source" in columns
            else [("movielens", figures.get("ratings_rows", 0))]
        )
        for source in ("movielens", "feedback"):
            figures[f"ratings_{source}_rows"] = dict(by_source).get(source, 0)
    return figures


def model_parameters(con: duckdb.DuckDBPyConnection) -> dict[str, dict[str, Any]]:
    """The parameters of each registered model, as stored by the build or declared in code."""
    user: dict[str, Any] = {}
    if _table_exists(con, "main.user_model_parameters"):
        cursor = con.execute("select * from main.user_model_parameters")
        row = cursor.fetchone()
        if row is not None:
            names = [d[0] for d in cursor.description]
            user = {
                name: value
                for name, value in zip(names, row, strict=True)
                if name not in ("trained_ratings", "trained_users", "trained_films", "fit_seconds")
            }
    from recommender.models.similar import MOVIE_WEIGHTS, STREAMING_WEIGHTS

    similar = {
        **{f"movies.{name}": weight for name, weight in MOVIE_WEIGHTS.items()},
        **{f"streaming.{name}": weight for name, weight in STREAMING_WEIGHTS.items()},
    }
    return {"user-recommender": user, "similar-items": similar}


def metrics_of(con: duckdb.DuckDBPyConnection) -> list[tuple[str, str, float]]:
    if not _table_exists(con, "audit.model_metrics"):
        return []
    return con.execute(
        "select model, metric, value from audit.model_metrics order by model, metric"
    ).fetchall()


def _client(tracking_uri: str):
    # Imported here: MLflow takes ~2 s to import and only the build needs it.
    from mlflow import MlflowClient

    _quiet_mlflow()
    return MlflowClient(tracking_uri=tracking_uri, registry_uri=tracking_uri)


def _quiet_mlflow() -> None:
    import logging

    for name in ("mlflow", "alembic"):
        logging.getLogger(name).setLevel(logging.WARNING)


def _experiment_id(client, tracking_uri: str) -> str:
    experiment = client.get_experiment_by_name(EXPERIMENT)
    if experiment is not None:
        return experiment.experiment_id
    location = None
    if tracking_uri.startswith("sqlite:///"):
        store = Path(tracking_uri.removeprefix("sqlite:///"))
        location = (store.parent / "mlartifacts").absolute().as_uri()
    return client.create_experiment(EXPERIMENT, artifact_location=location)


def register_build(
    build_file: Path,
    tracking_uri: str,
    *,
    live_file: Path | None,
    gate: list[tuple[str, str, str]],
    outcome: str = "published",
) -> Registration:
    """Log the build as a run and, when `outcome` is "published", register its models and
    write `audit.model_registry` into the build. `gate`: (model, metric, verdict) rows.
    RegistryError when MLflow fails."""
    try:
        return _register(build_file, tracking_uri, live_file, gate, outcome)
    except (duckdb.Error, RegistryError):
        raise
    except Exception as exc:  # MLflow's and SQLAlchemy's errors have no common base
        raise RegistryError(
            f"the model registry ({tracking_uri}) could not record the build: "
            f"{type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}"
        ) from exc


def register_refused(build_file: Path, tracking_uri: str, live_file: Path | None) -> None:
    """Log a build the model gate refused as a run (tag outcome=refused, no model version),
    so the registry shows every attempt. Best effort: the refusal is what the user must see."""
    try:
        with duckdb.connect(str(build_file), read_only=True) as con:
            gate = con.execute("select model, metric, verdict from audit.model_gate").fetchall()
        _register(build_file, tracking_uri, live_file, gate, "refused")
    except Exception:  # a registry failure must not hide the refusal
        return


def _register(
    build_file: Path,
    tracking_uri: str,
    live_file: Path | None,
    gate: list[tuple[str, str, str]],
    outcome: str,
) -> Registration:
    from mlflow.entities import Metric, Param

    build_id = build_file.stem
    with duckdb.connect(str(build_file), read_only=outcome != "published") as con:
        metrics = metrics_of(con)
        data = training_data(con)
        parameters = model_parameters(con)
        trained_at = datetime.now(UTC)
        client = _client(tracking_uri)
        experiment_id = _experiment_id(client, tracking_uri)
        tags = {
            "build_id": build_id,
            "outcome": outcome,
            "live_build_before": live_file.stem if live_file is not None else "",
            **{f"gate.{m}.{k}": verdict for m, k, verdict in gate},
        }
        run = client.create_run(experiment_id, run_name=build_id, tags=tags)
        run_id = run.info.run_id
        stamp = int(trained_at.timestamp() * 1000)
        client.log_batch(
            run_id,
            metrics=[Metric(f"{m}.{k}", float(v), stamp, 0) for m, k, v in metrics],
            params=[
                Param(f"{model}.{name}", str(value))
                for model, values in parameters.items()
                for name, value in values.items()
            ]
            + [Param(f"data.{name}", str(value)) for name, value in data.items()],
        )
        registration = Registration(run_id)
        card = {
            "build_id": build_id,
            "trained_at": trained_at.isoformat(timespec="seconds"),
            "training_data": data,
            "metrics": [{"model": m, "metric": k, "value": v} for m, k, v in metrics],
            "parameters": parameters,
            "mlflow_run_id": run_id,
        }
        with tempfile.TemporaryDirectory() as scratch:
            folder = Path(scratch)
            (folder / "model_card.json").write_text(json.dumps(card, indent=2, default=str))
            for name, values in parameters.items():
                (folder / name).mkdir()
                (folder / name / "parameters.json").write_text(
                    json.dumps({"build_id": build_id, **values}, indent=2, default=str)
                )
            client.log_artifacts(run_id, scratch)
        # A build without models (--skip-recommenders) is a run with no version: the
        # registry's versions are models that were measured and served.
        if outcome == "published" and metrics:
            for name in REGISTERED_MODELS:
                if client.search_registered_models(filter_string=f"name = '{name}'") == []:
                    client.create_registered_model(name)
                version = client.create_model_version(
                    name,
                    source=f"{run.info.artifact_uri}/{name}",
                    run_id=run_id,
                    tags={"build_id": build_id},
                )
                registration.versions[name] = version.version
            write_registry(con, build_id, registration, parameters, data, trained_at)
        client.set_terminated(run_id, "FINISHED" if outcome == "published" else "FAILED")
    return registration


def write_registry(
    con: duckdb.DuckDBPyConnection,
    build_id: str,
    registration: Registration,
    parameters: dict[str, dict[str, Any]],
    data: dict[str, Any],
    trained_at: datetime,
) -> None:
    """Fill the build's `audit.model_registry` (declared, empty, by dbt: the API's
    `api.model_versions` reads it)."""
    con.execute("delete from audit.model_registry")
    con.executemany(
        "insert into audit.model_registry values (?, ?, ?, ?, ?, ?, ?, ?)",
        [
            [
                build_id,
                name,
                version,
                list(REGISTERED_MODELS[name]),
                registration.run_id,
                trained_at,
                json.dumps(parameters.get(name, {}), default=str, sort_keys=True),
                json.dumps(data, default=str, sort_keys=True),
            ]
            for name, version in registration.versions.items()
        ],
    )


def set_live(tracking_uri: str, registration: Registration) -> str | None:
    """Move the `live` alias of each registered model to this build's version (after the
    swap). Returns a warning instead of raising: the build is already live, and the next
    build moves the alias again."""
    try:
        client = _client(tracking_uri)
        for name, version in registration.versions.items():
            client.set_registered_model_alias(name, LIVE_ALIAS, version)
    except Exception as exc:
        return f"the live alias could not be moved in {tracking_uri}: {exc}"
    return None
