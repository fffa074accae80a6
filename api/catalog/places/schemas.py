"""Response bodies of `/countries` and `/languages` (each the row of its statement)."""

from __future__ import annotations

import msgspec


class CountryFilms(msgspec.Struct):
    """Distinct films produced in this country."""

    code: str
    country: str | None
    country_es: str | None
    films: int


class LanguageFilms(msgspec.Struct):
    """Films whose original language is this one."""

    code: str
    language: str | None
    language_es: str | None
    films: int
