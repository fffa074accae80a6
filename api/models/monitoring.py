"""The live models' figures on `/metrics`: `live_model_metric{registered_model, version,
model, metric}`, read at scrape time from the build the API serves (`api.model_versions`,
kept in the build's result cache: a build never changes, so a scrape after the first reads no
file). A swap changes the labels' `version` and the values with no request here."""

from __future__ import annotations

import logging
from collections.abc import Iterator

from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector

from api.db import Warehouse
from api.models import queries
from api.models.schemas import ModelVersionRow

log = logging.getLogger("api.models")


class LiveModelMetrics(Collector):
    def __init__(self, warehouse: Warehouse) -> None:
        self.warehouse = warehouse

    def collect(self) -> Iterator[GaugeMetricFamily]:
        try:
            rows = self.warehouse.fetch_structs(queries.MODEL_VERSIONS, (), ModelVersionRow)
        except Exception:  # a build without a registry, a closed or swapping warehouse
            log.debug("live model figures unavailable", exc_info=True)
            return
        gauge = GaugeMetricFamily(
            "live_model_metric",
            "Figures of the models the live build serves, on the fixed evaluation the model "
            "gate compares (audit.model_metrics), by registered model version.",
            labels=["registered_model", "version", "model", "metric"],
        )
        for row in rows:
            gauge.add_metric([row.registered_model, row.version, row.model, row.metric], row.value)
        yield gauge
