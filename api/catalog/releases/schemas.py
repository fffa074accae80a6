"""Response bodies of `/releases` (each the row of its statement)."""

from __future__ import annotations

import msgspec


class MonthReleases(msgspec.Struct):
    """Films released in a calendar month, all years together."""

    month: int
    month_en: str
    month_es: str
    films: int


class WeekdayReleases(msgspec.Struct):
    """Films released on an ISO weekday (1 = Monday ... 7 = Sunday), all years together."""

    weekday: int
    weekday_en: str
    weekday_es: str
    films: int
