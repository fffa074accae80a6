"""OpenAPI examples of `/countries` and `/languages` (figures from the full data)."""

from __future__ import annotations

UNITED_STATES = {
    "code": "US",
    "country": "United States of America",
    "country_es": "Estados Unidos",
    "films": 21134,
}
SPANISH = {"code": "es", "language": "Spanish", "language_es": "Español", "films": 992}

#: `?limit=2`: the two countries with the most films.
COUNTRIES = [
    UNITED_STATES,
    {"code": "GB", "country": "United Kingdom", "country_es": "Reino Unido", "films": 4088},
]
#: `?limit=2`: the two languages with the most films.
LANGUAGES = [
    {"code": "en", "language": "English", "language_es": "Inglés", "films": 32176},
    {"code": "fr", "language": "French", "language_es": "Francés", "films": 2434},
]

UNKNOWN_COUNTRY = ("No country matches 'argentinaa'.", ["Argentina"])
UNKNOWN_LANGUAGE = ("No language matches 'espanhol'.", ["Español"])
