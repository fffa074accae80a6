"""The statement behind `/models` (view `api.model_versions`: one row per registered model
version and figure of the relations it covers)."""

from __future__ import annotations

MODEL_VERSIONS = """
select
    build_id, registered_model, version, mlflow_run_id, trained_at, parameters,
    training_data, model, metric, value, measured_on
from {db}.api.model_versions
order by registered_model, model, metric
"""
