"""The feedback gauges of `/metrics`, computed when Prometheus scrapes: how many stored
ratings the live build was not trained on, and how long the oldest of them has waited.

Read at scrape time (two cheap statements: the build's watermark is memoised per build, the
store's count is a range of its primary key) rather than kept up to date: other processes
write the same store, and a rebuild changes the watermark without any request here."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from datetime import UTC, datetime

from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector

from api.db import Warehouse
from api.feedback.service import FeedbackDesk, live_watermark
from warehouse import feedback_store

log = logging.getLogger("api.feedback")


class UntrainedFeedback(Collector):
    """`feedback_rows_untrained` and `feedback_oldest_untrained_age_seconds`."""

    def __init__(self, desk: FeedbackDesk, warehouse: Warehouse) -> None:
        self.desk = desk
        self.warehouse = warehouse

    def collect(self) -> Iterator[GaugeMetricFamily]:
        try:
            watermark = live_watermark(self.warehouse)
            rows, oldest = feedback_store.pending(self.desk.path, watermark)
        except Exception:  # a closed or swapping warehouse, an unreadable store: no figures
            log.warning("feedback gauges unavailable", exc_info=True)
            return
        untrained = GaugeMetricFamily(
            "feedback_rows_untrained",
            "Ratings in the feedback store that the live build was not trained on "
            "(id above its watermark).",
        )
        untrained.add_metric([], rows)
        yield untrained
        age = GaugeMetricFamily(
            "feedback_oldest_untrained_age_seconds",
            "Seconds since the oldest rating the live build was not trained on was received "
            "(0 when there is none).",
        )
        waited = 0.0
        if oldest is not None:
            waited = (datetime.now(UTC) - datetime.fromisoformat(oldest)).total_seconds()
        age.add_metric([], max(0.0, waited))
        yield age
