"""Films per production country and per original language, one or all."""

from __future__ import annotations

from api import lookup
from api.catalog.places import queries
from api.catalog.places.schemas import CountryFilms, LanguageFilms
from api.db import Warehouse
from api.problems import UnknownName


def country_films(warehouse: Warehouse, country: str) -> CountryFilms:
    """The country a code or a name means; 404 with suggestions if none."""
    key = lookup.clean_argument(country, "country")
    found = warehouse.fetch_struct(queries.COUNTRY, {"key": key}, CountryFilms)
    if found is None:
        raise UnknownName("country", country, lookup.suggest(warehouse, lookup.COUNTRIES, key))
    return found


def language_films(warehouse: Warehouse, language: str) -> LanguageFilms:
    """The language a code or a name means; 404 with suggestions if none."""
    key = lookup.clean_argument(language, "language")
    found = warehouse.fetch_struct(queries.LANGUAGE, {"key": key}, LanguageFilms)
    if found is None:
        raise UnknownName("language", language, lookup.suggest(warehouse, lookup.LANGUAGES, key))
    return found


def countries(warehouse: Warehouse) -> list[CountryFilms]:
    """Every country, most films first (then code): each item what its code answers."""
    return warehouse.fetch_structs(queries.COUNTRIES, (), CountryFilms)


def languages(warehouse: Warehouse) -> list[LanguageFilms]:
    """Every language, most films first (then code): each item what its code answers."""
    return warehouse.fetch_structs(queries.LANGUAGES, (), LanguageFilms)
