"""What a report is made of, independent of how it is drawn or written: sections holding
figures (a PNG and the one sentence it supports) and tables. `sections.py` fills these,
`html.py` writes them out; neither needs to know about the other."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Figure:
    """One plot: `key` is its HTML id (`fig-<key>`), `takeaway` the sentence computed from the
    same rows the plot draws, `png` the image bytes."""

    key: str
    title: str
    png: bytes
    takeaway: str
    alt: str


@dataclass(frozen=True)
class Table:
    """A small table (anomalous films, duplicate checks); `cells` are already formatted."""

    key: str
    caption: str
    columns: tuple[str, ...]
    cells: tuple[tuple[str, ...], ...]
    numeric: tuple[bool, ...] = ()
    note: str = ""


@dataclass
class Section:
    key: str
    title: str
    intro: str
    figures: list[Figure] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)


@dataclass(frozen=True)
class BuildStamp:
    """Which build the report describes and when the report was made."""

    build_file: str
    build_started_at: Any
    build_finished_at: Any
    dbt_version: str
    duckdb_version: str
    movies: int
    streaming_titles: int
    generated_at: Any


@dataclass
class Report:
    stamp: BuildStamp
    sections: list[Section]
