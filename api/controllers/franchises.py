"""`/franchises`: films and revenue per collection (`api.franchise_success`), by name with or
without the trailing "Collection" (`Toy Story Collection`, `toy story`)."""

from __future__ import annotations

from typing import Annotated

from litestar import Controller, get
from litestar.datastructures import State

from api import lookup
from api.db import POINT_LOOKUP, Warehouse
from api.docs import name_parameter, responses
from api.problems import UnknownName
from api.schemas import Alternative, FranchiseSuccess

FRANCHISE = """
select collection_id, franchise, films, total_revenue, average_revenue
from {db}.api.franchise_success
where franchise_key = $key or franchise_short_key = $key
order by franchise_key = $key desc, films desc, collection_id
"""


def franchise_success(warehouse: Warehouse, name: str) -> FranchiseSuccess:
    key = lookup.clean_argument(name, "franchise")
    rows = warehouse.fetch_all(FRANCHISE, {"key": key})
    if not rows:
        raise UnknownName("franchise", name, lookup.suggest(warehouse, lookup.FRANCHISES, key))
    collection_id, franchise, films, total_revenue, average_revenue = rows[0]
    return FranchiseSuccess(
        collection_id=collection_id,
        franchise=franchise,
        films=films,
        total_revenue=total_revenue,
        average_revenue=average_revenue,
        alternatives=[Alternative(id=row[0], name=row[1], films=row[2]) for row in rows[1:]],
    )


class FranchisesController(Controller):
    path = "/franchises"
    tags = ("franchises",)

    @get(
        "/{name:str}",
        sync_to_thread=POINT_LOOKUP,
        cache=True,
        summary="Films, total and mean revenue of a franchise (collection)",
        description="The mean counts every film of the collection, revenue 0 included.",
        responses=responses(
            FranchiseSuccess,
            {
                "collection_id": 10194,
                "franchise": "Toy Story Collection",
                "films": 3,
                "total_revenue": 1937890605,
                "average_revenue": 645963535.0,
                "alternatives": [],
            },
            summary="GET /franchises/toy story",
            not_found=("No franchise matches 'toy stroy'.", ["Toy Story Collection"]),
        ),
    )
    def by_name(
        self,
        state: State,
        name: Annotated[
            str,
            name_parameter("Collection name, with or without 'Collection'.", "Toy Story"),
        ],
    ) -> FranchiseSuccess:
        return franchise_success(state.warehouse, name)
