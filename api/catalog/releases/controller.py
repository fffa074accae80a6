"""`/releases`: films released in a month or on a weekday."""

from __future__ import annotations

from typing import Annotated

from litestar import Controller, get
from litestar.di import NamedDependency

from api.catalog.releases import examples, service
from api.catalog.releases.schemas import MonthReleases, WeekdayReleases
from api.db import Warehouse
from api.dispatch import point_lookup
from api.docs import number_or_name_parameter, responses


class ReleasesController(Controller):
    path = "/releases"
    tags = ("releases",)

    @get(
        "/months/{month:str}",
        cache=True,
        summary="Films released in a month, all years",
        responses=responses(
            MonthReleases,
            examples.JANUARY,
            summary="GET /releases/months/enero",
            not_found=examples.UNKNOWN_MONTH,
            invalid=examples.INVALID_MONTH,
        ),
    )
    @point_lookup
    def by_month(
        self,
        warehouse: NamedDependency[Warehouse],
        month: Annotated[
            str,
            number_or_name_parameter("1-12, or a Spanish or English month name.", 12, "enero", "1"),
        ],
    ) -> MonthReleases:
        return service.month_releases(warehouse, month)

    @get(
        "/weekdays/{weekday:str}",
        cache=True,
        summary="Films released on a weekday, all years",
        responses=responses(
            WeekdayReleases,
            examples.WEDNESDAY,
            summary="GET /releases/weekdays/miercoles",
            not_found=examples.UNKNOWN_WEEKDAY,
            invalid=examples.INVALID_WEEKDAY,
        ),
    )
    @point_lookup
    def by_weekday(
        self,
        warehouse: NamedDependency[Warehouse],
        weekday: Annotated[
            str,
            number_or_name_parameter(
                "1 (Monday) to 7 (Sunday), or a Spanish or English weekday name.",
                7,
                "miércoles",
                "Sábado",
            ),
        ],
    ) -> WeekdayReleases:
        return service.weekday_releases(warehouse, weekday)
