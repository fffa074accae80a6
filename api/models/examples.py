"""OpenAPI example of `/models` (the full data's build; ids and times vary per build)."""

from __future__ import annotations

MODEL_CARD = {
    "build_id": "warehouse-20261207T210000000000Z",
    "trained_at": "2026-12-07T21:03:00Z",
    "training_rows": {"movielens": 100004, "feedback": 0},
    "models": [],
    "mlflow_run_id": "0123456789abcdef0123456789abcdef",
}
