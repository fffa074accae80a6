"""Dependencies handlers declare by name (Litestar `Provide`), one set per app.

A handler asks for `warehouse: NamedDependency[Warehouse]` (every data route),
`metrics: NamedDependency[RequestMetrics]` (`/metrics`) or `feedback:
NamedDependency[FeedbackDesk]` (the ratings routes) instead of reaching into `state`: its
signature says what it reads, and a test can hand it another object.

Each provider closes over the app's object and takes no argument: Litestar then has nothing
to parse before calling it (a provider reading `state` costs a signature-model parse per
request, ~30 us), and it runs on the event loop (`sync_to_thread=False`). Requests the
response cache answers never reach the handler, so they resolve no dependency at all.
"""

from __future__ import annotations

from litestar.di import Provide

from api.db import Warehouse
from api.feedback.service import FeedbackDesk
from api.metrics import RequestMetrics


def dependencies(
    warehouse: Warehouse, metrics: RequestMetrics, feedback: FeedbackDesk
) -> dict[str, Provide]:
    """The app's dependencies: its warehouse (which follows the live build, so one object
    serves every request), its Prometheus registry and its feedback desk (tokens and the
    store's writer)."""

    def provide_warehouse() -> Warehouse:
        return warehouse

    def provide_metrics() -> RequestMetrics:
        return metrics

    def provide_feedback() -> FeedbackDesk:
        return feedback

    return {
        "warehouse": Provide(provide_warehouse, sync_to_thread=False),
        "metrics": Provide(provide_metrics, sync_to_thread=False),
        "feedback": Provide(provide_feedback, sync_to_thread=False),
    }
