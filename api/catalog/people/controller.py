"""`/actors`, `/directors` and `/people`."""

from __future__ import annotations

from typing import Annotated

from litestar import Controller, get
from litestar.di import NamedDependency
from litestar.types import Scope

from api import document_store
from api.catalog.people import examples, service
from api.catalog.people.schemas import ActorSuccess, DirectorSuccess, PersonDetails
from api.db import Warehouse
from api.dispatch import point_lookup
from api.docs import id_parameter, name_parameter, responses


class ActorsController(Controller):
    path = "/actors"
    tags = ("people",)

    @get(
        "/{name:str}",
        cache=True,
        summary="An actor's success measured by return",
        description=(
            "Cast credits in films the same person did not direct, each film once; "
            "`average_return` = `total_return` / `films`."
        ),
        responses=responses(
            ActorSuccess,
            examples.ACTOR,
            summary="GET /actors/tom hanks",
            not_found=("No actor matches 'tom hank'.", ["Tom Hanks", "Tom Hardy"]),
        ),
    )
    @point_lookup
    def get_actor(
        self,
        warehouse: NamedDependency[Warehouse],
        name: Annotated[
            str, name_parameter("Actor name, any case, accents optional.", "Tom Hanks")
        ],
    ) -> ActorSuccess:
        return service.actor_success(warehouse, name)


class DirectorsController(Controller):
    path = "/directors"
    tags = ("people",)

    @get(
        "/{name:str}",
        cache=True,
        summary="A director's success measured by return, and every film they directed",
        responses=responses(
            DirectorSuccess,
            examples.DIRECTOR,
            summary="GET /directors/john lasseter (movies shortened)",
            not_found=("No director matches 'jon lasseter'.", ["John Lasseter"]),
        ),
    )
    @point_lookup
    def get_director(
        self,
        warehouse: NamedDependency[Warehouse],
        name: Annotated[
            str,
            name_parameter(
                "Director name, any case, accents optional.", "John Lasseter", "pedro almodovar"
            ),
        ],
    ) -> DirectorSuccess:
        return service.director_success(warehouse, name)


class PeopleController(Controller):
    path = "/people"
    tags = ("people",)

    @get(
        "/{person_id:int}",
        # No answer cache: every person has its answer in the build's document
        # store (api/document_store.py), as fast as a cached one and never evicted.
        summary="A person with every cast and crew credit, newest film first",
        description=(
            "Where every `person_id` the API answers leads (actors, directors, a film's "
            "directors and cast, alternatives). Credits in films of the catalogue, newest "
            "first (release date, then movie_id); `order` is TMDB's billing order, 0 = first "
            "billed. A person without such credits answers empty lists."
        ),
        responses=responses(
            PersonDetails,
            examples.PERSON,
            summary="GET /people/66",
            not_found=("No person matches 'id 99999999'.", []),
            invalid="Validation failed for GET /people/0",
        ),
    )
    @point_lookup
    def by_id(
        self,
        scope: Scope,
        warehouse: NamedDependency[Warehouse],
        person_id: Annotated[int, id_parameter("TMDB person id.", 66, 7879)],
    ) -> PersonDetails:
        document = document_store.find(warehouse, "person", person_id)
        if document is not None:
            return document_store.respond(scope, document)  # type: ignore[return-value]
        return service.person_details(warehouse, person_id)
