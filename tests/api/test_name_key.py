"""The Python name key (api/lookup.py) and the SQL macro (dbt_project/macros/name_key.sql)
must agree, or a name typed by a client would miss the key the build stored."""

from __future__ import annotations

import sys
import unicodedata
from pathlib import Path

import duckdb
import jinja2
import pytest

from api.lookup import clean_argument, name_key
from api.problems import InvalidArgument

MACRO = Path(__file__).resolve().parents[2] / "dbt_project" / "macros" / "name_key.sql"

TRICKY = [
    "Pedro Almodóvar",
    "  PEDRO\tALMODÓVAR\n",
    "pedro almodovar",
    "Zoë\u00a0Kravitz",  # no-break space
    "a\u3000b\u2003c\u202fd",  # ideographic, em and narrow no-break spaces
    "e\u0301 combining acute",
    "ΟΔΥΣΣΕΥΣ",  # final sigma: lower-cased letter by letter, like DuckDB
    "İstanbul",  # dotted capital I: lower() gives i + combining dot, which is stripped
    "Straße ẞ",
    "Æon Flux, Søren, Łukasz, ǅemal",
    "ﬁnal ﬀ",  # ligatures are not decomposed by either side
    "\uff46\uff55\uff4c\uff4c width",  # full-width letters
    "Dvořák Nguyễn",
    "क्षि ந்தி",  # spacing combining marks (Mc) are stripped too
    "日本語 한국어",
    "O'Brien; DROP TABLE people;--",
    "%_\\'\"",
    "a\u200bb",  # zero-width space is not whitespace
    "\u0085next line\u2028line sep\u2029para",
    "",
    "   ",
]


def sql_name_key_expression(column: str) -> str:
    source = MACRO.read_text(encoding="utf-8")
    return jinja2.Environment().from_string(source + f"{{{{ name_key('{column}') }}}}").render()


@pytest.fixture(scope="module")
def sql_keys():
    expression = sql_name_key_expression("value")
    con = duckdb.connect()

    def keys(values: list[str]) -> list[str | None]:
        con.execute(
            "create or replace temp table t as select unnest($v) as value, "
            "generate_subscripts($v, 1) as i",
            {"v": values},
        )
        return [row[0] for row in con.execute(f"select {expression} from t order by i").fetchall()]

    yield keys
    con.close()


def test_tricky_strings_agree(sql_keys):
    assert sql_keys(TRICKY) == [name_key(value) for value in TRICKY]


def test_examples():
    assert name_key("  PEDRO   Almodóvar ") == "pedro almodovar"
    assert name_key("Miércoles") == "miercoles"
    assert name_key("Le Samouraï") == "le samourai"


@pytest.mark.skipif(sys.version_info < (3, 11), reason="unicodedata version")
def test_every_assigned_code_point_agrees(sql_keys):
    # Each code point between letters and doubled, so context rules (final sigma) show up.
    values = [
        f"a{chr(cp)}B{chr(cp)}"
        for cp in range(0x20, 0x30000)
        if not 0xD800 <= cp < 0xE000 and unicodedata.category(chr(cp)) not in ("Cn", "Co", "Cs")
    ]
    expected = [name_key(value) for value in values]
    got = sql_keys(values)
    mismatches = [(v, g, e) for v, g, e in zip(values, got, expected, strict=True) if g != e]
    assert mismatches[:10] == []


@pytest.mark.parametrize(
    "raw", ["", "   ", "\t\n", "x" * 301, "a\x00b", "a\x07b", "\ud800", "a\x7fb"]
)
def test_clean_argument_rejects(raw):
    with pytest.raises(InvalidArgument):
        clean_argument(raw, "name")


def test_clean_argument_accepts_unicode_and_punctuation():
    assert clean_argument("  Almodóvar\u00a0 ", "name") == "almodovar"
    assert clean_argument("';--", "name") == "';--"
    assert clean_argument("x" * 300, "name") == "x" * 300
