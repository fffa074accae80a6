"""Regenerate the name seeds (`dbt_project/seeds/*_names.csv`) from pycountry's ISO tables.

The seeds are committed, so a build never needs pycountry; this module exists so that
anyone can see where every Spanish name came from and regenerate them:
`python -m warehouse.seed_names` (needs the `dev` extra).
TMDB uses a few codes that are not in ISO 639-1 / ISO 3166-1 (`xx`, `cn`, historic
countries); they are listed here by hand, with the name TMDB gives them.
"""

from __future__ import annotations

import csv
import gettext
from pathlib import Path

SEEDS = Path(__file__).resolve().parent.parent / "dbt_project" / "seeds"

EXTRA_LANGUAGES = [
    ("cn", "Cantonese", "Cantonés"),
    ("xx", "No Language", "Sin idioma"),
]
EXTRA_COUNTRIES = [
    ("AN", "Netherlands Antilles", "Antillas Neerlandesas"),
    ("CS", "Serbia and Montenegro", "Serbia y Montenegro"),
    ("SU", "Soviet Union", "Unión Soviética"),
    ("XC", "Czechoslovakia", "Checoslovaquia"),
    ("XG", "East Germany", "Alemania Oriental"),
    ("YU", "Yugoslavia", "Yugoslavia"),
]
MONTHS_ES = [
    "enero",
    "febrero",
    "marzo",
    "abril",
    "mayo",
    "junio",
    "julio",
    "agosto",
    "septiembre",
    "octubre",
    "noviembre",
    "diciembre",
]
MONTHS_EN = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
]
WEEKDAYS_ES = ["lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo"]
WEEKDAYS_EN = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]


def _write(name: str, header: list[str], rows: list[tuple]) -> None:
    with open(SEEDS / name, "w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


def main() -> None:
    import pycountry

    lang_es = gettext.translation("iso639-3", pycountry.LOCALES_DIR, languages=["es"])
    country_es = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["es"])
    languages = [
        (lang.alpha_2, lang.name, lang_es.gettext(lang.name))
        for lang in pycountry.languages
        if hasattr(lang, "alpha_2")
    ] + EXTRA_LANGUAGES
    countries = [
        (c.alpha_2, c.name, country_es.gettext(c.name)) for c in pycountry.countries
    ] + EXTRA_COUNTRIES
    _write("language_names.csv", ["language_code", "language_en", "language_es"], sorted(languages))
    _write("country_names.csv", ["country_code", "country_en", "country_es"], sorted(countries))
    months = zip(MONTHS_EN, MONTHS_ES, strict=True)
    weekdays = zip(WEEKDAYS_EN, WEEKDAYS_ES, strict=True)
    _write(
        "month_names.csv",
        ["month", "month_en", "month_es"],
        [(i + 1, en, es) for i, (en, es) in enumerate(months)],
    )
    _write(
        "weekday_names.csv",
        ["weekday", "weekday_en", "weekday_es"],
        [(i + 1, en, es) for i, (en, es) in enumerate(weekdays)],
    )


if __name__ == "__main__":
    main()
