"""Response bodies of `/actors` and `/directors`, and the row they are built from."""

from __future__ import annotations

from datetime import date

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
