"""A collection by id with its films."""

from __future__ import annotations

from api.catalog.collections import queries
from api.catalog.collections.schemas import (
    CollectionDetails,
    CollectionDetailsRow,
    CollectionFacts,
    CollectionMovie,
)
from api.db import Warehouse
from api.problems import UnknownName


def collection_details(warehouse: Warehouse, collection_id: int) -> CollectionDetails:
    """The collection with id `collection_id` and its films in release order (the view's
    order); 404 if none."""
    row = warehouse.fetch_struct(
        queries.COLLECTION, {"collection_id": collection_id}, CollectionDetailsRow
    )
    if row is None:
        raise UnknownName("collection", f"id {collection_id}", [])
    facts = {name: getattr(row, name) for name in CollectionFacts.__struct_fields__}
    return CollectionDetails(**facts, movies=[CollectionMovie(**film) for film in row.movies])
