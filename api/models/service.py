"""The model card of the live build, from what its build registered (warehouse/registry.py).

The API never imports MLflow (2 s and 180 MB): the build wrote its run id, versions and
parameters into its own file (`audit.model_registry`), and `api.model_versions` joins them
with the build's figures (`audit.model_metrics`).
"""

from __future__ import annotations

import json

import duckdb

from api.db import Warehouse
from api.models import queries
from api.models.schemas import ModelCard, ModelVersionRow, ServedModel, TrainingRows
from api.problems import NotBuilt

WHAT = "model card"


def model_card(warehouse: Warehouse) -> ModelCard:
    """NotBuilt (503) when the live build has no registered models (a build made before the
    registry, or with --skip-recommenders)."""
    try:
        rows = warehouse.fetch_structs(queries.MODEL_VERSIONS, (), ModelVersionRow)
    except duckdb.CatalogException:
        raise NotBuilt(WHAT, "it was built before builds registered their models") from None
    if not rows:
        raise NotBuilt(WHAT, "it registered no models (built with --skip-recommenders?)")
    models: dict[str, ServedModel] = {}
    for row in rows:
        served = models.get(row.registered_model)
        if served is None:
            served = models[row.registered_model] = ServedModel(
                name=row.registered_model,
                version=row.version,
                metrics={},
                parameters=json.loads(row.parameters),
            )
        served.metrics[f"{row.model}.{row.metric}"] = row.value
    first = rows[0]
    data = json.loads(first.training_data)
    return ModelCard(
        build_id=first.build_id,
        trained_at=first.trained_at,
        training_rows=TrainingRows(
            movielens=int(data.get("ratings_movielens_rows", 0)),
            feedback=int(data.get("ratings_feedback_rows", 0)),
        ),
        models=list(models.values()),
        mlflow_run_id=first.mlflow_run_id,
    )
