"""The body of `/models`, and the rows it is built from."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import msgspec


class ModelVersionRow(msgspec.Struct):
    """A row of `api.model_versions`."""

    build_id: str
    registered_model: str
    version: str
    mlflow_run_id: str
    trained_at: datetime
    parameters: str
    training_data: str
    model: str
    metric: str
    value: float
    measured_on: int


class TrainingRows(msgspec.Struct):
    """Ratings the user model was trained on, by where they came from."""

    movielens: int
    feedback: int


class ServedModel(msgspec.Struct):
    """A registered model version serving now. `metrics`: `<relation>.<metric>` -> value, for
    every published relation the version covers (its figures on the fixed evaluation)."""

    name: str
    version: str
    metrics: dict[str, float]
    parameters: dict[str, Any]


class ModelCard(msgspec.Struct):
    """Which models the live build serves: its id, when its models were registered, what the
    user model was trained on, each model's version, figures and parameters, and the MLflow
    run that records the build (`make mlflow-ui`)."""

    build_id: str
    trained_at: datetime
    training_rows: TrainingRows
    models: list[ServedModel]
    mlflow_run_id: str
