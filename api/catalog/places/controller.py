"""`/countries` and `/languages`: one by name, or the whole list."""

from __future__ import annotations

from typing import Annotated

from litestar import Controller, Response, get
from litestar.di import NamedDependency

from api import paging
from api.catalog.places import examples, service
from api.catalog.places.schemas import CountryFilms, LanguageFilms
from api.db import Warehouse
from api.dispatch import point_lookup
from api.docs import name_parameter, responses


class LanguagesController(Controller):
    path = "/languages"
    tags = ("languages",)

    @get(
        "/",
        cache=True,
        summary="Every language with its films, most films first",
        description=(
            "Each item is what `/languages/{code}` answers. A plain array, paged by `limit` "
            "and `offset`; `X-Total-Count` holds the number of languages."
        ),
        responses=responses(
            list[LanguageFilms],
            examples.LANGUAGES,
            summary="GET /languages?limit=2",
            invalid="Validation failed for GET /languages?limit=0",
        ),
    )
    @point_lookup
    def languages(
        self,
        warehouse: NamedDependency[Warehouse],
        limit: Annotated[int, paging.LIMIT] = paging.MAX_LIMIT,
        offset: Annotated[int, paging.OFFSET] = 0,
    ) -> Response[list[LanguageFilms]]:
        return paging.page(service.languages(warehouse), limit, offset)

    @get(
        "/{language:str}",
        cache=True,
        summary="Films whose original language is this one",
        responses=responses(
            LanguageFilms,
            examples.SPANISH,
            summary="GET /languages/español",
            not_found=examples.UNKNOWN_LANGUAGE,
        ),
    )
    @point_lookup
    def by_language(
        self,
        warehouse: NamedDependency[Warehouse],
        language: Annotated[
            str,
            name_parameter("ISO 639-1 code, English, Spanish or native name.", "es", "inglés"),
        ],
    ) -> LanguageFilms:
        return service.language_films(warehouse, language)


class CountriesController(Controller):
    path = "/countries"
    tags = ("countries",)

    @get(
        "/",
        cache=True,
        summary="Every country with its films, most films first",
        description=(
            "Each item is what `/countries/{code}` answers. A plain array, paged by `limit` "
            "and `offset`; `X-Total-Count` holds the number of countries."
        ),
        responses=responses(
            list[CountryFilms],
            examples.COUNTRIES,
            summary="GET /countries?limit=2",
            invalid="Validation failed for GET /countries?limit=0",
        ),
    )
    @point_lookup
    def countries(
        self,
        warehouse: NamedDependency[Warehouse],
        limit: Annotated[int, paging.LIMIT] = paging.MAX_LIMIT,
        offset: Annotated[int, paging.OFFSET] = 0,
    ) -> Response[list[CountryFilms]]:
        return paging.page(service.countries(warehouse), limit, offset)

    @get(
        "/{country:str}",
        cache=True,
        summary="Distinct films produced in a country",
        responses=responses(
            CountryFilms,
            examples.UNITED_STATES,
            summary="GET /countries/estados unidos",
            not_found=examples.UNKNOWN_COUNTRY,
        ),
    )
    @point_lookup
    def by_country(
        self,
        warehouse: NamedDependency[Warehouse],
        country: Annotated[
            str,
            name_parameter(
                "ISO 3166-1 code, the dataset's (English) name or the Spanish name.",
                "US",
                "España",
            ),
        ],
    ) -> CountryFilms:
        return service.country_films(warehouse, country)
