"""`/franchises` and `/companies`."""

from __future__ import annotations

from typing import Annotated

from litestar import Controller, get
from litestar.di import NamedDependency

from api.catalog.business import examples, service
from api.catalog.business.schemas import CompanySuccess, FranchiseSuccess
from api.db import Warehouse
from api.dispatch import point_lookup
from api.docs import name_parameter, responses


class FranchisesController(Controller):
    path = "/franchises"
    tags = ("franchises",)

    @get(
        "/{name:str}",
        cache=True,
        summary="Films, total and mean revenue of a franchise (collection)",
        description="The mean counts every film of the collection, revenue 0 included.",
        responses=responses(
            FranchiseSuccess,
            examples.TOY_STORY_COLLECTION,
            summary="GET /franchises/toy story",
            not_found=examples.UNKNOWN_FRANCHISE,
        ),
    )
    @point_lookup
    def by_name(
        self,
        warehouse: NamedDependency[Warehouse],
        name: Annotated[
            str,
            name_parameter("Collection name, with or without 'Collection'.", "Toy Story"),
        ],
    ) -> FranchiseSuccess:
        return service.franchise_success(warehouse, name)


class CompaniesController(Controller):
    path = "/companies"
    tags = ("companies",)

    @get(
        "/{name:str}",
        cache=True,
        summary="Distinct films and total revenue of a production company",
        responses=responses(
            CompanySuccess,
            examples.PIXAR,
            summary="GET /companies/pixar animation studios",
            not_found=examples.UNKNOWN_COMPANY,
        ),
    )
    @point_lookup
    def by_name(
        self,
        warehouse: NamedDependency[Warehouse],
        name: Annotated[str, name_parameter("Company name, any case.", "Pixar Animation Studios")],
    ) -> CompanySuccess:
        return service.company_success(warehouse, name)
