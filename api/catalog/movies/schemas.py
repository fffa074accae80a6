"""Response bodies of `/movies`, and the row of MOVIE_DETAILS they are built from."""

from __future__ import annotations

from datetime import date
from typing import Any, Literal

import msgspec


class MovieItem(msgspec.Struct):
    """A film found by title."""

    movie_id: int
    title: str
    release_date: date | None
    release_year: int | None
    popularity: float | None
    vote_count: int | None
    vote_average: float | None
    runtime: int | None


class MoviePage(msgspec.Struct):
    """Films whose title key is the argument's, most popular first (`match` = `exact`); when
    none is, the films search finds for it (`match` = `fuzzy`), else none (`match` = `none`)."""

    items: list[MovieItem]
    limit: int
    offset: int
    total: int
    match: Literal["exact", "fuzzy", "none"]


class Genre(msgspec.Struct):
    genre_id: int
    name: str | None


class Collection(msgspec.Struct):
    collection_id: int
    name: str | None


class Company(msgspec.Struct):
    company_id: int
    name: str | None


class Country(msgspec.Struct):
    country_code: str
    name: str | None


class Language(msgspec.Struct):
    language_code: str
    name: str | None


class Person(msgspec.Struct):
    person_id: int
    name: str | None


class CastMember(msgspec.Struct):
    person_id: int
    name: str | None
    character: str | None


class StreamingAvailability(msgspec.Struct):
    """A streaming title that is this film: where to watch it (`score` = mean user rating)."""

    platform: str
    title_id: str
    score: float | None


class MovieFacts(msgspec.Struct):
    """The film's own columns: the first fields of both the row of MOVIE_DETAILS and the
    answer built from it, declared once."""

    movie_id: int
    title: str | None
    original_language: str | None
    overview: str | None
    tagline: str | None
    status: str | None
    release_date: date | None
    release_year: int | None
    budget: int | None
    revenue: int | None
    return_: float | None = msgspec.field(name="return")
    runtime: int | None = None
    popularity: float | None = None
    vote_average: float | None = None
    vote_count: int | None = None


class MovieDetails(MovieFacts):
    """One film with its genres, collection, companies, countries, languages, directors, top
    ten billed cast, and the streaming titles that are this film (`available_on`)."""

    collection: Collection | None = None
    genres: list[Genre] = []
    companies: list[Company] = []
    countries: list[Country] = []
    spoken_languages: list[Language] = []
    directors: list[Person] = []
    top_cast: list[CastMember] = []
    available_on: list[StreamingAvailability] = []


class MovieDetailsRow(MovieFacts):
    """A row of MOVIE_DETAILS: the collection as two columns, the lists as DuckDB structs
    (dicts keyed like the Structs' fields)."""

    collection_id: int | None = None
    collection_name: str | None = None
    genres: list[dict[str, Any]] = []
    companies: list[dict[str, Any]] = []
    countries: list[dict[str, Any]] = []
    spoken_languages: list[dict[str, Any]] = []
    directors: list[dict[str, Any]] = []
    top_cast: list[dict[str, Any]] = []
    available_on: list[dict[str, Any]] = []
