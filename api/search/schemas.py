"""Response bodies of `/search` and `/search/*`. The item fields of each type are the columns
of its `api.search_*` relation; `score` is the ranking's (api.search.service)."""

from __future__ import annotations

from typing import Literal

import msgspec


class MovieHit(msgspec.Struct, kw_only=True):
    movie_id: int
    title: str
    original_title: str | None
    release_year: int | None
    popularity: float | None
    vote_count: int | None
    vote_average: float | None
    score: float = 0.0


class PersonHit(msgspec.Struct, kw_only=True):
    person_id: int
    name: str | None
    known_for: list[str]
    films: int
    score: float = 0.0


class CompanyHit(msgspec.Struct, kw_only=True):
    company_id: int
    name: str
    films: int
    score: float = 0.0


class CollectionHit(msgspec.Struct, kw_only=True):
    collection_id: int
    name: str | None
    films: int
    score: float = 0.0


class AnyHit(msgspec.Struct):
    """One item of `/search`: a film, a person, a company or a collection."""

    type: Literal["movie", "person", "company", "collection"]
    id: int
    name: str | None
    year: int | None
    score: float


class MovieHits(msgspec.Struct):
    query: str
    total: int
    limit: int
    offset: int
    items: list[MovieHit]


class PersonHits(msgspec.Struct):
    query: str
    total: int
    limit: int
    offset: int
    items: list[PersonHit]


class CompanyHits(msgspec.Struct):
    query: str
    total: int
    limit: int
    offset: int
    items: list[CompanyHit]


class CollectionHits(msgspec.Struct):
    query: str
    total: int
    limit: int
    offset: int
    items: list[CollectionHit]


class AnyHits(msgspec.Struct):
    query: str
    total: int
    limit: int
    offset: int
    items: list[AnyHit]
