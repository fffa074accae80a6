"""Name normalisation and suggestions, shared by every domain's services.

`name_key` is the Python twin of the dbt macro `name_key` (dbt_project/macros/name_key.sql):
lower-case code point by code point, strip every combining mark (what DuckDB's
`strip_accents` does), collapse runs of whitespace (ASCII and the Unicode separators) to one
space, trim. tests/api/test_name_key.py checks that both give the same key for every assigned
code point, so `pedro almodovar`, `PEDRO  ALMODÓVAR` and `Pedro Almodóvar` meet on one key.

`clean_argument` turns a raw path or query argument into a key, or raises `InvalidArgument`
(400) for what can never name anything: empty, too long, control characters, lone surrogates.

`suggest` answers "did you mean": the closest keys of an allow-listed view, by Jaro-Winkler
similarity computed in DuckDB with the argument bound as a parameter.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import msgspec

from api.cache import SLASH
from api.problems import InvalidArgument

if TYPE_CHECKING:
    from api.db import Warehouse

#: Longest argument accepted, in characters (the longest title on the full data is 105).
MAX_ARGUMENT_CHARS = 300
#: Suggestions listed in a 404.
MAX_SUGGESTIONS = 5
#: Jaro-Winkler similarity below which a key is not worth suggesting.
MIN_SIMILARITY = 0.7

# The whitespace the SQL macro collapses: the same class, spelled for `re`.
_WHITESPACE = re.compile(
    "[\t\n\x0b\x0c\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+"
)
# Marks DuckDB's strip_accents removes: nonspacing, spacing and enclosing combining marks.
_MARKS = frozenset(("Mn", "Mc", "Me"))
# Request arguments may not hold control characters (C0 with tab and newline, DEL, C1) and
# need one character that is neither a control nor whitespace. NAME_PATTERN says the same for
# the OpenAPI document (ECMA and Python regex alike), so clients and schemathesis know it.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")
_ALLOWED = "[^\\x00-\\x1f\\x7f-\\x9f]"
_VISIBLE = "[^\\x00-\\x20\\x7f-\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]"
NAME_PATTERN = f"^{_ALLOWED}*{_VISIBLE}{_ALLOWED}*$"
# The whitespace a key collapses that a request may hold (the rest are control characters).
_SPACE = "[ \\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]"


def spelled_pattern(spellings: Iterable[str]) -> str:
    """The pattern of the arguments whose key is one of `spellings` (ASCII keys): any case,
    whitespace around and between words. The OpenAPI document declares it, so a client (and
    schemathesis) knows the accepted values of a closed set such as the platforms."""

    def spelled(key: str) -> str:
        parts = []
        for ch in key:
            if ch == " ":
                parts.append(f"{_SPACE}+")
            elif ch.isalpha():
                parts.append(f"[{ch.lower()}{ch.upper()}]")
            elif ch in ".^$*+?()[]{}|\\":
                parts.append("\\" + ch)
            else:
                parts.append(ch)  # `-`, `_`: literal (re.escape's `\-` is no ECMA escape)
        return "".join(parts)

    choices = "|".join(spelled(key) for key in sorted(spellings, key=lambda k: (-len(k), k)))
    return f"^{_SPACE}*(?:{choices}){_SPACE}*$"


def number_or_name_pattern(maximum: int) -> str:
    """The pattern of a month or weekday argument: a number 1 to `maximum` in at most 9
    digits (leading zeros and spaces allowed), or a name (NAME_PATTERN; an unknown one is a
    404) that is not an other number (signs included): those (0, 13, -1, 0000000001) are the
    400s of api/catalog/releases/service.py, so the pattern leaves them out."""
    assert 1 <= maximum <= 19
    if maximum >= 10:
        numbers = f"0{{0,8}}[1-9]|0{{0,7}}1[0-{maximum - 10}]"
    else:
        numbers = f"0{{0,8}}[1-{maximum}]"
    return (
        f"^(?:{_SPACE}*(?:{numbers}){_SPACE}*"
        f"|(?!{_SPACE}*[+-]*[0-9]+{_SPACE}*$){_ALLOWED}*{_VISIBLE}{_ALLOWED}*)$"
    )


def name_key(text: str) -> str:
    """The lookup key of a name, exactly as the SQL macro `name_key` computes it."""
    lowered = "".join(ch.lower() for ch in text)
    decomposed = unicodedata.normalize("NFD", lowered)
    stripped = "".join(ch for ch in decomposed if unicodedata.category(ch) not in _MARKS)
    composed = unicodedata.normalize("NFC", stripped)
    return _WHITESPACE.sub(" ", composed).strip(" ")


def clean_argument(raw: str, what: str) -> str:
    """The key of a request argument; InvalidArgument (400) when it cannot name anything."""
    if len(raw) > MAX_ARGUMENT_CHARS:
        raise InvalidArgument(f"{what} is longer than {MAX_ARGUMENT_CHARS} characters.")
    try:
        raw.encode("utf-8")
    except UnicodeEncodeError:
        raise InvalidArgument(f"{what} is not valid Unicode text.") from None
    if _CONTROL.search(raw):
        raise InvalidArgument(f"{what} contains control characters.")
    key = name_key(raw.replace(SLASH, "/"))
    if not key:
        raise InvalidArgument(f"{what} is empty.")
    return key


def parse_small_int(key: str) -> int | None:
    """The integer a key spells with ASCII digits only (`7`, `07`), else None."""
    if key.isascii() and key.isdigit() and len(key) <= 9:
        return int(key)
    return None


@dataclass(frozen=True)
class SuggestionSource:
    """Where suggestions for one kind of name come from: a view of the api schema, the key
    columns compared with the argument, the column shown, and an optional filter that keeps
    one row per key. Every field is a constant of this module: never request data."""

    view: str
    key_columns: tuple[str, ...]
    label_column: str
    where: str = "true"
    tie_break: str = "1"

    def sql(self) -> str:
        similarity = (
            f"jaro_winkler_similarity({self.key_columns[0]}, $key)"
            if len(self.key_columns) == 1
            else "greatest("
            + ", ".join(
                f"coalesce(jaro_winkler_similarity({column}, $key), 0)"
                for column in self.key_columns
            )
            + ")"
        )
        return (
            f"select {self.label_column} as label, {similarity} as similarity "
            f"from {{db}}.api.{self.view} "
            f"where {self.where} and {self.label_column} is not null "
            f"order by similarity desc, {self.tie_break} desc, label "
            f"limit {MAX_SUGGESTIONS * 3}"
        )

    def labels_sql(self) -> str:
        """(key, label) of the rows whose first key column is one of `$keys`: which of the
        names another source proposes (search) this view answers, and under which label."""
        key = self.key_columns[0]
        return (
            f"select {key} as key, {self.label_column} as label "
            f"from {{db}}.api.{self.view} "
            f"where {self.where} and {self.label_column} is not null "
            f"and {key} in (select unnest($keys))"
        )


ACTORS = SuggestionSource("actor_success", ("name_key",), "name", "name_rank = 1", "films")
DIRECTORS = SuggestionSource("director_success", ("name_key",), "name", "name_rank = 1", "films")
TITLES = SuggestionSource("movie_by_title", ("title_key",), "title", "title_rank = 1", "popularity")
FRANCHISES = SuggestionSource(
    "franchise_success",
    ("franchise_key", "franchise_short_key"),
    "franchise",
    "name_rank = 1",
    "films",
)
COMPANIES = SuggestionSource(
    "company_success", ("company_key",), "company", "name_rank = 1", "films"
)
COUNTRIES = SuggestionSource(
    "films_by_country",
    ("country_code_key", "country_key", "country_en_key", "country_es_key"),
    "country",
    tie_break="films",
)
LANGUAGES = SuggestionSource(
    "films_by_language",
    ("language_code_key", "language_en_key", "language_es_key", "native_name_key"),
    "language_en",
    tie_break="films",
)
MONTHS = SuggestionSource("films_by_month", ("month_es_key", "month_en_key"), "month_es")
WEEKDAYS = SuggestionSource("films_by_weekday", ("weekday_es_key", "weekday_en_key"), "weekday_es")
# The streaming catalogues are lower-case and their countries and ratings plain ASCII, so the
# stored value is its own key.
STREAMING_COUNTRIES = SuggestionSource(
    "streaming_country_counts",
    ("country",),
    "country",
    "type is null and release_year is null",
    "titles",
)
STREAMING_RATINGS = SuggestionSource(
    "streaming_rating_counts", ("rating",), "rating", tie_break="titles"
)
STREAMING_TITLES = SuggestionSource(
    "streaming_title_by_title", ("title_key",), "title", "title_rank = 1", "score"
)
STREAMING_GENRES = SuggestionSource(
    "streaming_genre_counts", ("genre",), "genre", tie_break="titles"
)


class Candidate(msgspec.Struct):
    """A row of `SuggestionSource.sql()`: a label and how close its key is to the argument."""

    label: str
    similarity: float | None


def suggest(warehouse: Warehouse, source: SuggestionSource, key: str) -> list[str]:
    """Up to MAX_SUGGESTIONS distinct labels whose keys are closest to `key`."""
    labels: list[str] = []
    for candidate in warehouse.fetch_structs(source.sql(), {"key": key}, Candidate):
        if candidate.similarity is None or candidate.similarity < MIN_SIMILARITY:
            break
        if candidate.label not in labels:
            labels.append(candidate.label)
        if len(labels) == MAX_SUGGESTIONS:
            break
    return labels
