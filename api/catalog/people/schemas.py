"""Response bodies of `/actors`, `/directors` and `/people`, and the rows they are built from."""

from __future__ import annotations

from datetime import date
from typing import Any

import msgspec

from api.catalog.schemas import Alternative


class PersonSuccess(msgspec.Struct):
    """A row of ACTOR_BY_NAME / DIRECTOR_BY_NAME (without its name_rank)."""

    person_id: int
    name: str
    films: int
    total_return: float
    average_return: float


class ActorSuccess(msgspec.Struct):
    """An actor's return over cast credits in films they did not direct; `alternatives` lists
    other people with the same name key."""

    person_id: int
    actor: str
    films: int
    total_return: float
    average_return: float
    alternatives: list[Alternative] = []


class DirectorMovie(msgspec.Struct):
    movie_id: int
    title: str | None
    release_date: date | None
    return_: float | None = msgspec.field(name="return")
    budget: int | None = None
    revenue: int | None = None


class DirectorSuccess(msgspec.Struct):
    """A director's return and every film they directed, by release date."""

    person_id: int
    director: str
    films: int
    total_return: float
    average_return: float
    movies: list[DirectorMovie]
    alternatives: list[Alternative] = []


class CastCredit(msgspec.Struct):
    """A film the person played in: the character and TMDB's billing order (0 = first)."""

    movie_id: int
    title: str | None
    release_year: int | None
    character: str | None
    order: int | None


class CrewCredit(msgspec.Struct):
    """A film the person worked on, and as what."""

    movie_id: int
    title: str | None
    release_year: int | None
    job: str | None
    department: str | None


class PersonDetails(msgspec.Struct):
    """A person with every cast and crew credit, newest film first (`gender`: TMDB's code,
    0 unknown, 1 female, 2 male)."""

    person_id: int
    name: str
    gender: int | None
    cast: list[CastCredit]
    crew: list[CrewCredit]


class PersonDetailsRow(msgspec.Struct):
    """A row of PERSON: the credits as DuckDB structs (dicts keyed like the Structs' fields)."""

    person_id: int
    name: str
    gender: int | None
    cast_credits: list[dict[str, Any]]
    crew_credits: list[dict[str, Any]]
