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


def franchise_success(warehouse: Warehouse, name: str) -> FranchiseSuccess:
    """The collection a name means, the others sharing its key as alternatives; 404 with
    suggestions if none."""
    key = lookup.clean_argument(name, "franchise")
    rows = warehouse.fetch_structs(queries.FRANCHISE, {"key": key}, FranchiseRow)
    if not rows:
        raise UnknownName("franchise", name, lookup.suggest(warehouse, lookup.FRANCHISES, key))
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


def company_success(warehouse: Warehouse, name: str) -> CompanySuccess:
    """The company a name means (most films among those sharing its key), the others as
    alternatives; 404 with suggestions if none."""
    key = lookup.clean_argument(name, "company")
    rows = warehouse.fetch_structs(queries.COMPANY, {"key": key}, CompanyRow, rank="name_rank")
    if not rows:
        raise UnknownName("company", name, lookup.suggest(warehouse, lookup.COMPANIES, key))
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
