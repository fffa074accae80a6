"""Response bodies of `/franchises` and `/companies`, and the rows they are built from."""

from __future__ import annotations

import msgspec

from api.catalog.schemas import Alternative


class FranchiseRow(msgspec.Struct):
    """A row of FRANCHISE."""

    collection_id: int
    franchise: str
    films: int
    total_revenue: int
    average_revenue: float


class CompanyRow(msgspec.Struct):
    """A row of COMPANY (without its name_rank)."""

    company_id: int
    company: str
    films: int
    total_revenue: int


class FranchiseSuccess(msgspec.Struct):
    """Films and revenue of a collection; the mean counts films with revenue 0."""

    collection_id: int
    franchise: str
    films: int
    total_revenue: int
    average_revenue: float
    alternatives: list[Alternative] = []


class CompanySuccess(msgspec.Struct):
    """Distinct films and total revenue of a production company."""

    company_id: int
    company: str
    films: int
    total_revenue: int
    alternatives: list[Alternative] = []
