"""`/actors` and `/directors`: success measured by return (`api.actor_success`,
`api.director_success`, `api.director_films`).

People are TMDB person ids; a name answers for the person with the most films among those
sharing its key (the views' `name_rank` = 1) and lists the others as `alternatives`."""

from __future__ import annotations

from typing import Annotated, Any

from litestar import Controller, get
from litestar.datastructures import State

from api import lookup
from api.db import POINT_LOOKUP, Warehouse
from api.docs import name_parameter, responses
from api.problems import UnknownName
from api.schemas import ActorSuccess, Alternative, DirectorMovie, DirectorSuccess

# The few rows of a key are put in name_rank order in Python (an ORDER BY costs DuckDB more
# than the lookup itself); the rank is the view's.
ACTOR_BY_NAME = """
select name_rank, person_id, name, films, total_return, average_return
from {db}.api.actor_success
where name_key = $key
"""

DIRECTOR_BY_NAME = """
select name_rank, person_id, name, films, total_return, average_return
from {db}.api.director_success
where name_key = $key
"""

DIRECTOR_FILMS = """
select film_order, movie_id, title, release_date, "return", budget, revenue
from {db}.api.director_films
where person_id = $person_id
"""


#: OpenAPI example of an actor's answer (the statement's /get_actor adds its `mensaje`).
ACTOR_EXAMPLE = {
    "person_id": 31,
    "actor": "Tom Hanks",
    "films": 48,
    "total_return": 152.6065701919301,
    "average_return": 3.1793035456652103,
    "alternatives": [],
}

#: OpenAPI example of a director's answer (the statement's /get_director adds `mensaje`).
DIRECTOR_EXAMPLE = {
    "person_id": 7879,
    "director": "John Lasseter",
    "films": 10,
    "total_return": 27.65437835777778,
    "average_return": 2.765437835777778,
    "movies": [
        {
            "movie_id": 862,
            "title": "Toy Story",
            "release_date": "1995-10-30",
            "return": 12.4518011,
            "budget": 30000000,
            "revenue": 373554033,
        }
    ],
    "alternatives": [],
}


def _alternatives(rows: list[tuple[Any, ...]]) -> list[Alternative]:
    return [Alternative(id=row[0], name=row[1], films=row[2]) for row in rows]


def actor_success(warehouse: Warehouse, name: str) -> ActorSuccess:
    key = lookup.clean_argument(name, "actor name")
    rows = lookup.by_rank(warehouse.fetch_all(ACTOR_BY_NAME, {"key": key}))
    if not rows:
        raise UnknownName("actor", name, lookup.suggest(warehouse, lookup.ACTORS, key))
    person_id, actor, films, total_return, average_return = rows[0]
    return ActorSuccess(
        person_id=person_id,
        actor=actor,
        films=films,
        total_return=total_return,
        average_return=average_return,
        alternatives=_alternatives(rows[1:]),
    )


def director_success(warehouse: Warehouse, name: str) -> DirectorSuccess:
    key = lookup.clean_argument(name, "director name")
    rows = lookup.by_rank(warehouse.fetch_all(DIRECTOR_BY_NAME, {"key": key}))
    if not rows:
        raise UnknownName("director", name, lookup.suggest(warehouse, lookup.DIRECTORS, key))
    person_id, director, films, total_return, average_return = rows[0]
    filmography = warehouse.fetch_all(DIRECTOR_FILMS, {"person_id": person_id})
    movies = [DirectorMovie(*row) for row in lookup.by_rank(filmography)]
    return DirectorSuccess(
        person_id=person_id,
        director=director,
        films=films,
        total_return=total_return,
        average_return=average_return,
        movies=movies,
        alternatives=_alternatives(rows[1:]),
    )


class ActorsController(Controller):
    path = "/actors"
    tags = ("people",)

    @get(
        "/{name:str}",
        sync_to_thread=POINT_LOOKUP,
        cache=True,
        summary="An actor's success measured by return",
        description=(
            "Cast credits in films the same person did not direct, each film once; "
            "`average_return` = `total_return` / `films`."
        ),
        responses=responses(
            ActorSuccess,
            ACTOR_EXAMPLE,
            summary="GET /actors/tom hanks",
            not_found=("No actor matches 'tom hank'.", ["Tom Hanks", "Tom Hardy"]),
        ),
    )
    def get_actor(
        self,
        state: State,
        name: Annotated[
            str, name_parameter("Actor name, any case, accents optional.", "Tom Hanks")
        ],
    ) -> ActorSuccess:
        return actor_success(state.warehouse, name)


class DirectorsController(Controller):
    path = "/directors"
    tags = ("people",)

    @get(
        "/{name:str}",
        sync_to_thread=POINT_LOOKUP,
        cache=True,
        summary="A director's success measured by return, and every film they directed",
        responses=responses(
            DirectorSuccess,
            DIRECTOR_EXAMPLE,
            summary="GET /directors/john lasseter (movies shortened)",
            not_found=("No director matches 'jon lasseter'.", ["John Lasseter"]),
        ),
    )
    def get_director(
        self,
        state: State,
        name: Annotated[
            str,
            name_parameter(
                "Director name, any case, accents optional.", "John Lasseter", "pedro almodovar"
            ),
        ],
    ) -> DirectorSuccess:
        return director_success(state.warehouse, name)
