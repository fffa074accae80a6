"""OpenAPI examples of `/countries` and `/languages` (figures from the full data)."""

from __future__ import annotations

UNITED_STATES = {
    "code": "US",
    "country": "United States of America",
    "country_es": "Estados Unidos",
    "films": 21134,
}
SPANISH = {"code": "es", "language": "Spanish", "language_es": "Español", "films": 992}

UNKNOWN_COUNTRY = ("No country matches 'argentinaa'.", ["Argentina"])
UNKNOWN_LANGUAGE = ("No language matches 'espanhol'.", ["Español"])
