"""`/collections`."""

from __future__ import annotations

from typing import Annotated

from litestar import Controller, get
from litestar.di import NamedDependency

from api.catalog.collections import examples, service
from api.catalog.collections.schemas import CollectionDetails
from api.db import Warehouse
from api.dispatch import point_lookup
from api.docs import id_parameter, responses


class CollectionsController(Controller):
    path = "/collections"
    tags = ("franchises",)

    @get(
        "/{collection_id:int}",
        cache=True,
        summary="A collection (franchise) with its films in release order",
        description=(
            "Where every `collection_id` the API answers leads (a film's collection, "
            "franchises). `films` and `total_revenue` are what `/franchises/{name}` answers; "
            "`movies` in release order, undated films last, then by movie_id."
        ),
        responses=responses(
            CollectionDetails,
            examples.TOY_STORY_COLLECTION,
            summary="GET /collections/10194",
            not_found=("No collection matches 'id 99999999'.", []),
            invalid="Validation failed for GET /collections/0",
        ),
    )
    @point_lookup
    def by_id(
        self,
        warehouse: NamedDependency[Warehouse],
        collection_id: Annotated[int, id_parameter("TMDB collection id.", 10194, 84)],
    ) -> CollectionDetails:
        return service.collection_details(warehouse, collection_id)
