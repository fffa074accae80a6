"""Films and revenue of franchises (collections) and production companies."""

from __future__ import annotations

from api import lookup
from api.catalog.business import queries
from api.catalog.business.schemas import (
    CompanyRow,
    CompanySuccess,
    FranchiseRow,
    FranchiseSuccess,
)
from api.catalog.schemas import Alternative
from api.db import Warehouse
from api.problems import UnknownName
from api.search import service as search


def franchise_success(warehouse: Warehouse, name: str) -> FranchiseSuccess:
    """The collection a name means, the others sharing its key as alternatives (punctuation
    ignored when the key names none); 404 with suggestions (search hits first) if none."""
    key = lookup.clean_argument(name, "franchise")
    rows = warehouse.fetch_structs(queries.FRANCHISE, {"key": key}, FranchiseRow)
    for label in (
        [] if rows else search.respellings(warehouse, name, "collection", lookup.FRANCHISES)
    ):
        rows = warehouse.fetch_structs(
            queries.FRANCHISE, {"key": lookup.name_key(label)}, FranchiseRow
        )
        if rows:
            break
    if not rows:
        raise UnknownName(
            "franchise",
            name,
            search.suggestions(warehouse, name, key, "collection", lookup.FRANCHISES),
        )
    found = rows[0]
    return FranchiseSuccess(
        collection_id=found.collection_id,
        franchise=found.franchise,
        films=found.films,
        total_revenue=found.total_revenue,
        average_revenue=found.average_revenue,
        alternatives=[
            Alternative(id=row.collection_id, name=row.franchise, films=row.films)
            for row in rows[1:]
        ],
    )


def _companies(warehouse: Warehouse, key: str) -> list[CompanyRow]:
    return warehouse.fetch_structs(queries.COMPANY, {"key": key}, CompanyRow, rank="name_rank")


def company_success(warehouse: Warehouse, name: str) -> CompanySuccess:
    """The company a name means (most films among those sharing its key), the others as
    alternatives; when the key names none, the name it spells with punctuation ignored
    (`warner bros` -> Warner Bros.); 404 with suggestions (search hits first) if none."""
    key = lookup.clean_argument(name, "company")
    rows = _companies(warehouse, key)
    for label in [] if rows else search.respellings(warehouse, name, "company", lookup.COMPANIES):
        rows = _companies(warehouse, lookup.name_key(label))
        if rows:
            break
    if not rows:
        raise UnknownName(
            "company", name, search.suggestions(warehouse, name, key, "company", lookup.COMPANIES)
        )
    found = rows[0]
    return CompanySuccess(
        company_id=found.company_id,
        company=found.company,
        films=found.films,
        total_revenue=found.total_revenue,
        alternatives=[
            Alternative(id=row.company_id, name=row.company, films=row.films) for row in rows[1:]
        ],
    )
