"""Actors' and directors' success measured by return; a person's credits by id."""

from __future__ import annotations

from api import lookup
from api.catalog.people import queries
from api.catalog.people.schemas import (
    ActorSuccess,
    CastCredit,
    CrewCredit,
    DirectorMovie,
    DirectorSuccess,
    PersonDetails,
    PersonDetailsRow,
    PersonSuccess,
)
from api.catalog.schemas import Alternative
from api.db import Warehouse
from api.problems import UnknownName
from api.search import service as search


def _people(warehouse: Warehouse, sql: str, key: str) -> list[PersonSuccess]:
    return warehouse.fetch_structs(sql, {"key": key}, PersonSuccess, rank="name_rank")


def _alternatives(people: list[PersonSuccess]) -> list[Alternative]:
    return [Alternative(id=p.person_id, name=p.name, films=p.films) for p in people]


def _found(
    warehouse: Warehouse, sql: str, name: str, key: str, source: lookup.SuggestionSource
) -> list[PersonSuccess]:
    """The people of `key`; else of the first name `name` spells with punctuation ignored
    (`jean pierre jeunet` -> Jean-Pierre Jeunet); else 404 with suggestions: the people
    search finds (`dicaprio` -> Leonardo DiCaprio), then close name keys."""
    people = _people(warehouse, sql, key)
    if people:
        return people
    for label in search.respellings(warehouse, name, "person", source):
        people = _people(warehouse, sql, lookup.name_key(label))
        if people:
            return people
    what = "actor" if source is lookup.ACTORS else "director"
    raise UnknownName(what, name, search.suggestions(warehouse, name, key, "person", source))


def actor_success(warehouse: Warehouse, name: str) -> ActorSuccess:
    """The actor a name means (most films among those sharing its key); 404 if none."""
    key = lookup.clean_argument(name, "actor name")
    people = _found(warehouse, queries.ACTOR_BY_NAME, name, key, lookup.ACTORS)
    actor = people[0]
    return ActorSuccess(
        person_id=actor.person_id,
        actor=actor.name,
        films=actor.films,
        total_return=actor.total_return,
        average_return=actor.average_return,
        alternatives=_alternatives(people[1:]),
    )


def director_success(warehouse: Warehouse, name: str) -> DirectorSuccess:
    """The director a name means, with every film they directed by release date; 404 if
    none."""
    key = lookup.clean_argument(name, "director name")
    people = _found(warehouse, queries.DIRECTOR_BY_NAME, name, key, lookup.DIRECTORS)
    director = people[0]
    movies = warehouse.fetch_structs(
        queries.DIRECTOR_FILMS, {"person_id": director.person_id}, DirectorMovie, rank="film_order"
    )
    return DirectorSuccess(
        person_id=director.person_id,
        director=director.name,
        films=director.films,
        total_return=director.total_return,
        average_return=director.average_return,
        movies=movies,
        alternatives=_alternatives(people[1:]),
    )


def person_details(warehouse: Warehouse, person_id: int) -> PersonDetails:
    """The person with id `person_id` and their credits, newest film first (the view's
    order); 404 if none."""
    row = warehouse.fetch_struct(queries.PERSON, {"person_id": person_id}, PersonDetailsRow)
    if row is None:
        raise UnknownName("person", f"id {person_id}", [])
    return PersonDetails(
        person_id=row.person_id,
        name=row.name,
        gender=row.gender,
        cast=[CastCredit(**credit) for credit in row.cast_credits],
        crew=[CrewCredit(**credit) for credit in row.crew_credits],
    )
