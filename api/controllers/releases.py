"""`/releases`: films released per month (`api.films_by_month`) and weekday
(`api.films_by_weekday`). Months and weekdays are accepted as numbers, Spanish names (with or
without accents, any case: `enero`, `Miércoles`, `miercoles`) or English names."""

from __future__ import annotations

from typing import Annotated

from litestar import Controller, get
from litestar.datastructures import State

from api import lookup
from api.db import POINT_LOOKUP, Warehouse
from api.docs import name_parameter, responses
from api.problems import InvalidArgument, UnknownName
from api.schemas import MonthReleases, WeekdayReleases

FILMS_BY_MONTH = """
select month, month_en, month_es, films
from {db}.api.films_by_month
where month = $number or month_es_key = $key or month_en_key = $key
"""

FILMS_BY_WEEKDAY = """
select weekday, weekday_en, weekday_es, films
from {db}.api.films_by_weekday
where weekday = $number or weekday_es_key = $key or weekday_en_key = $key
"""


def month_releases(warehouse: Warehouse, month: str) -> MonthReleases:
    key = lookup.clean_argument(month, "month")
    number = lookup.parse_small_int(key)
    if number is not None and not 1 <= number <= 12:
        raise InvalidArgument(f"month must be 1 to 12 or a month name, not {number}.")
    if number is None and key.isascii() and key.lstrip("+-").isdigit():
        raise InvalidArgument("month must be 1 to 12 or a month name.")
    row = warehouse.fetch_one(FILMS_BY_MONTH, {"number": number, "key": key})
    if row is None:
        raise UnknownName("month", month, lookup.suggest(warehouse, lookup.MONTHS, key))
    return MonthReleases(*row)


def weekday_releases(warehouse: Warehouse, weekday: str) -> WeekdayReleases:
    key = lookup.clean_argument(weekday, "weekday")
    number = lookup.parse_small_int(key)
    if number is not None and not 1 <= number <= 7:
        raise InvalidArgument(
            f"weekday must be 1 (Monday) to 7 (Sunday) or a weekday name, not {number}."
        )
    if number is None and key.isascii() and key.lstrip("+-").isdigit():
        raise InvalidArgument("weekday must be 1 (Monday) to 7 (Sunday) or a weekday name.")
    row = warehouse.fetch_one(FILMS_BY_WEEKDAY, {"number": number, "key": key})
    if row is None:
        raise UnknownName("weekday", weekday, lookup.suggest(warehouse, lookup.WEEKDAYS, key))
    return WeekdayReleases(*row)


class ReleasesController(Controller):
    path = "/releases"
    tags = ("releases",)

    @get(
        "/months/{month:str}",
        sync_to_thread=POINT_LOOKUP,
        cache=True,
        summary="Films released in a month, all years",
        responses=responses(
            MonthReleases,
            {"month": 1, "month_en": "january", "month_es": "enero", "films": 5909},
            summary="GET /releases/months/enero",
            not_found=("No month matches 'enro'.", ["enero"]),
            invalid="month must be 1 to 12 or a month name, not 13.",
        ),
    )
    def by_month(
        self,
        state: State,
        month: Annotated[
            str, name_parameter("1-12, or a Spanish or English month name.", "enero", "1")
        ],
    ) -> MonthReleases:
        return month_releases(state.warehouse, month)

    @get(
        "/weekdays/{weekday:str}",
        sync_to_thread=POINT_LOOKUP,
        cache=True,
        summary="Films released on a weekday, all years",
        responses=responses(
            WeekdayReleases,
            {"weekday": 3, "weekday_en": "wednesday", "weekday_es": "miércoles", "films": 7027},
            summary="GET /releases/weekdays/miercoles",
            not_found=("No weekday matches 'lunez'.", ["lunes"]),
            invalid="weekday must be 1 (Monday) to 7 (Sunday) or a weekday name, not 8.",
        ),
    )
    def by_weekday(
        self,
        state: State,
        weekday: Annotated[
            str,
            name_parameter(
                "1 (Monday) to 7 (Sunday), or a Spanish or English weekday name.",
                "miércoles",
                "Sábado",
            ),
        ],
    ) -> WeekdayReleases:
        return weekday_releases(state.warehouse, weekday)
