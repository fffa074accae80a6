"""The live models' figures on `/metrics`: `live_model_metric{registered_model, version,
model, metric}`, read at scrape time from the build the API serves (`api.model_versions`).

Read once per build and kept here (a build never changes), outside the build's result cache:
a scrape must not move the cache's own hit counters it reports. A swap changes the labels'
`version` and the values with no request here."""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator

from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector

from api.db import BuildHandle, Warehouse
from api.models import queries
from api.models.schemas import ModelVersionRow

log = logging.getLogger("api.models")


class LiveModelMetrics(Collector):
    def __init__(self, warehouse: Warehouse) -> None:
        self.warehouse = warehouse
        self._read: tuple[BuildHandle, list[ModelVersionRow]] | None = None
        self._lock = threading.Lock()

    def _rows(self) -> list[ModelVersionRow]:
        handle = self.warehouse.current
        with self._lock:
            if self._read is not None and self._read[0] is handle:
                return self._read[1]
        rows = self.warehouse.read_structs_once(handle, queries.MODEL_VERSIONS, ModelVersionRow)
        with self._lock:
            self._read = (handle, rows)
        return rows

    def collect(self) -> Iterator[GaugeMetricFamily]:
        try:
            rows = self._rows()
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
