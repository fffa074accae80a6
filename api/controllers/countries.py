"""`/countries`: distinct films produced per country (`api.films_by_country`), by ISO 3166-1
code, the dataset's name, the English or the Spanish name (`US`, `United States of America`,
`Estados Unidos`)."""

from __future__ import annotations

from typing import Annotated

from litestar import Controller, get
from litestar.datastructures import State

from api import lookup
from api.db import POINT_LOOKUP, Warehouse
from api.docs import name_parameter, responses
from api.problems import UnknownName
from api.schemas import CountryFilms

COUNTRY = """
select country_code, country, country_es, films
from {db}.api.films_by_country
where
    country_code_key = $key
    or country_key = $key
    or country_en_key = $key
    or country_es_key = $key
order by
    country_code_key = $key desc,
    country_key = $key desc,
    country_en_key = $key desc,
    films desc,
    country_code
limit 1
"""


def country_films(warehouse: Warehouse, country: str) -> CountryFilms:
    key = lookup.clean_argument(country, "country")
    row = warehouse.fetch_one(COUNTRY, {"key": key})
    if row is None:
        raise UnknownName("country", country, lookup.suggest(warehouse, lookup.COUNTRIES, key))
    code, name, country_es, films = row
    return CountryFilms(code=code, country=name, country_es=country_es, films=films)


class CountriesController(Controller):
    path = "/countries"
    tags = ("countries",)

    @get(
        "/{country:str}",
        sync_to_thread=POINT_LOOKUP,
        cache=True,
        summary="Distinct films produced in a country",
        responses=responses(
            CountryFilms,
            {
                "code": "US",
                "country": "United States of America",
                "country_es": "Estados Unidos",
                "films": 21134,
            },
            summary="GET /countries/estados unidos",
            not_found=("No country matches 'argentinaa'.", ["Argentina"]),
        ),
    )
    def by_country(
        self,
        state: State,
        country: Annotated[
            str,
            name_parameter(
                "ISO 3166-1 code, the dataset's (English) name or the Spanish name.",
                "US",
                "España",
            ),
        ],
    ) -> CountryFilms:
        return country_films(state.warehouse, country)
