"""Compare parsed nested columns with `ast.literal_eval` of the raw text, entry by entry.

Two comparisons per value: the JSON text the parser re-emits must equal the literal exactly
(every key, every type), and the typed column must hold the same value for each field its
struct type declares (a field the literal lacks must be NULL).
"""

from __future__ import annotations

import ast
import json
from dataclasses import dataclass, field

# (base table, raw column, staging table, typed column, json column)
NESTED_COLUMNS = [
    (
        "base_movies__movies",
        "belongs_to_collection",
        "stg_movies__movies",
        "collection",
        "collection_json",
    ),
    ("base_movies__movies", "genres", "stg_movies__movies", "genres", "genres_json"),
    (
        "base_movies__movies",
        "production_companies",
        "stg_movies__movies",
        "production_companies",
        "companies_json",
    ),
    (
        "base_movies__movies",
        "production_countries",
        "stg_movies__movies",
        "production_countries",
        "countries_json",
    ),
    (
        "base_movies__movies",
        "spoken_languages",
        "stg_movies__movies",
        "spoken_languages",
        "languages_json",
    ),
    ("base_movies__credits", "cast", "stg_movies__credits", "cast_members", "cast_json"),
    ("base_movies__credits", "crew", "stg_movies__credits", "crew_members", "crew_json"),
    ("base_movies__keywords", "keywords", "stg_movies__keywords", "keywords", "keywords_json"),
]


def same_value(parsed, literal, *, typed: bool = False) -> bool:
    """Equal as values and as Python types (1 is not 1.0, 0 is not False, None is not 0).

    typed=True compares a struct: only the declared fields are checked, and a declared field
    the literal lacks must be NULL. typed=False requires the same keys.
    """
    if literal is None:
        return parsed is None
    if isinstance(literal, dict):
        if not isinstance(parsed, dict):
            return False
        if typed:
            return all(same_value(parsed[k], literal.get(k), typed=True) for k in parsed)
        return parsed.keys() == literal.keys() and all(
            same_value(parsed[k], literal[k]) for k in literal
        )
    if isinstance(literal, list):
        return (
            isinstance(parsed, list)
            and len(parsed) == len(literal)
            and all(same_value(p, v, typed=typed) for p, v in zip(parsed, literal, strict=True))
        )
    return type(parsed) is type(literal) and parsed == literal


@dataclass
class ReprCheck:
    values: int = 0
    entries: int = 0
    mismatches: list[tuple] = field(default_factory=list)


def check_nested_columns(con) -> ReprCheck:
    """Every non-empty raw value of every nested column against its parsed columns."""
    check = ReprCheck()
    for base, raw_col, stg, typed_col, json_col in NESTED_COLUMNS:
        rows = con.execute(
            f'select b."{raw_col}", s.{typed_col}, s.{json_col}, s.has_unparseable_nested, '
            f"b.record_number from staging.{base} b join staging.{stg} s using (record_number) "
            f'where b."{raw_col}" is not null order by b.record_number'
        ).fetchall()
        for raw, typed, json_text, unparseable, record_number in rows:
            check.values += 1
            where = (stg, typed_col, record_number, raw[:200])
            try:
                literal = ast.literal_eval(raw)
            except (ValueError, SyntaxError, MemoryError, RecursionError):
                # Not a repr: the build must flag it instead of guessing a value.
                if not unparseable or typed is not None:
                    check.mismatches.append(where)
                continue
            check.entries += len(literal) if isinstance(literal, list) else 1
            try:
                emitted = json.loads(json_text)
            except (TypeError, ValueError):
                check.mismatches.append(where)
                continue
            if not (same_value(emitted, literal) and same_value(typed, literal, typed=True)):
                check.mismatches.append(where)
    return check
