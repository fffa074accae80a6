"""`/models`: the live build's model card."""

from __future__ import annotations

from litestar import Controller, get
from litestar.di import NamedDependency

from api.db import MAY_RUN_LONG, Warehouse
from api.docs import responses
from api.models import examples, service
from api.models.schemas import ModelCard


class ModelsController(Controller):
    path = "/models"
    tags = ("models",)

    @get(
        "/",
        sync_to_thread=MAY_RUN_LONG,
        summary="The models serving now: versions, figures, parameters, training data",
        description=(
            "The model card of the live build: its id, when it registered its models, how many "
            "ratings the user model was trained on by source (MovieLens, feedback), and for "
            "each registered model (`user-recommender`, `similar-items`) its MLflow version, "
            "its figures on the fixed evaluation (`<relation>.<metric>`, the ones the model "
            "gate compared with the build before) and its parameters; `mlflow_run_id` is the "
            "build's run in the registry (`make mlflow-ui`). 503 problem when the live build "
            "registered no models."
        ),
        responses=responses(
            ModelCard,
            examples.MODEL_CARD,
            summary="GET /models",
            invalid=None,
            not_built="model card",
        ),
    )
    def model_card(self, warehouse: NamedDependency[Warehouse]) -> ModelCard:
        return service.model_card(warehouse)
