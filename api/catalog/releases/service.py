"""Films released per month and per weekday, all years together."""

from __future__ import annotations

from api import lookup
from api.catalog.releases import queries
from api.catalog.releases.schemas import MonthReleases, WeekdayReleases
from api.db import Warehouse
from api.problems import InvalidArgument, UnknownName


def month_releases(warehouse: Warehouse, month: str) -> MonthReleases:
    """The month a number or a name means; 400 for a number out of range, 404 for a name
    that is no month."""
    key = lookup.clean_argument(month, "month")
    number = lookup.parse_small_int(key)
    if number is not None and not 1 <= number <= 12:
        raise InvalidArgument(f"month must be 1 to 12 or a month name, not {number}.")
    if number is None and key.isascii() and key.lstrip("+-").isdigit():
        raise InvalidArgument("month must be 1 to 12 or a month name.")
    found = warehouse.fetch_struct(
        queries.FILMS_BY_MONTH, {"number": number, "key": key}, MonthReleases
    )
    if found is None:
        raise UnknownName("month", month, lookup.suggest(warehouse, lookup.MONTHS, key))
    return found


def weekday_releases(warehouse: Warehouse, weekday: str) -> WeekdayReleases:
    """The weekday a number (1 = Monday) or a name means; 400 for a number out of range, 404
    for a name that is no weekday."""
    key = lookup.clean_argument(weekday, "weekday")
    number = lookup.parse_small_int(key)
    if number is not None and not 1 <= number <= 7:
        raise InvalidArgument(
            f"weekday must be 1 (Monday) to 7 (Sunday) or a weekday name, not {number}."
        )
    if number is None and key.isascii() and key.lstrip("+-").isdigit():
        raise InvalidArgument("weekday must be 1 (Monday) to 7 (Sunday) or a weekday name.")
    found = warehouse.fetch_struct(
        queries.FILMS_BY_WEEKDAY, {"number": number, "key": key}, WeekdayReleases
    )
    if found is None:
        raise UnknownName("weekday", weekday, lookup.suggest(warehouse, lookup.WEEKDAYS, key))
    return found
