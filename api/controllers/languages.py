"""`/languages`: films per original language (`api.films_by_language`), by ISO 639-1 code,
English, Spanish or native name (`en`, `English`, `inglés`, `Français`)."""

from __future__ import annotations

from typing import Annotated

from litestar import Controller, get
from litestar.datastructures import State

from api import lookup
from api.db import POINT_LOOKUP, Warehouse
from api.docs import name_parameter, responses
from api.problems import UnknownName
from api.schemas import LanguageFilms

LANGUAGE = """
select language_code, language_en, language_es, films
from {db}.api.films_by_language
where
    language_code_key = $key
    or language_en_key = $key
    or language_es_key = $key
    or native_name_key = $key
order by
    language_code_key = $key desc,
    language_en_key = $key desc,
    language_es_key = $key desc,
    films desc,
    language_code
limit 1
"""


def language_films(warehouse: Warehouse, language: str) -> LanguageFilms:
    key = lookup.clean_argument(language, "language")
    row = warehouse.fetch_one(LANGUAGE, {"key": key})
    if row is None:
        raise UnknownName("language", language, lookup.suggest(warehouse, lookup.LANGUAGES, key))
    code, language_en, language_es, films = row
    return LanguageFilms(code=code, language=language_en, language_es=language_es, films=films)


class LanguagesController(Controller):
    path = "/languages"
    tags = ("languages",)

    @get(
        "/{language:str}",
        sync_to_thread=POINT_LOOKUP,
        cache=True,
        summary="Films whose original language is this one",
        responses=responses(
            LanguageFilms,
            {"code": "es", "language": "Spanish", "language_es": "Español", "films": 992},
            summary="GET /languages/español",
            not_found=("No language matches 'espanhol'.", ["Español"]),
        ),
    )
    def by_language(
        self,
        state: State,
        language: Annotated[
            str,
            name_parameter("ISO 639-1 code, English, Spanish or native name.", "es", "inglés"),
        ],
    ) -> LanguageFilms:
        return language_films(state.warehouse, language)
