"""`/companies`: distinct films and total revenue per production company
(`api.company_success`)."""

from __future__ import annotations

from typing import Annotated

from litestar import Controller, get
from litestar.datastructures import State

from api import lookup
from api.db import POINT_LOOKUP, Warehouse
from api.docs import name_parameter, responses
from api.problems import UnknownName
from api.schemas import Alternative, CompanySuccess

COMPANY = """
select name_rank, company_id, company, films, total_revenue
from {db}.api.company_success
where company_key = $key
"""


def company_success(warehouse: Warehouse, name: str) -> CompanySuccess:
    key = lookup.clean_argument(name, "company")
    rows = lookup.by_rank(warehouse.fetch_all(COMPANY, {"key": key}))
    if not rows:
        raise UnknownName("company", name, lookup.suggest(warehouse, lookup.COMPANIES, key))
    company_id, company, films, total_revenue = rows[0]
    return CompanySuccess(
        company_id=company_id,
        company=company,
        films=films,
        total_revenue=total_revenue,
        alternatives=[Alternative(id=row[0], name=row[1], films=row[2]) for row in rows[1:]],
    )


class CompaniesController(Controller):
    path = "/companies"
    tags = ("companies",)

    @get(
        "/{name:str}",
        sync_to_thread=POINT_LOOKUP,
        cache=True,
        summary="Distinct films and total revenue of a production company",
        responses=responses(
            CompanySuccess,
            {
                "company_id": 3,
                "company": "Pixar Animation Studios",
                "films": 52,
                "total_revenue": 11188533734,
                "alternatives": [],
            },
            summary="GET /companies/pixar animation studios",
            not_found=("No company matches 'pixar studios'.", ["Pixar Animation Studios"]),
        ),
    )
    def by_name(
        self,
        state: State,
        name: Annotated[str, name_parameter("Company name, any case.", "Pixar Animation Studios")],
    ) -> CompanySuccess:
        return company_success(state.warehouse, name)
