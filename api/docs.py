"""OpenAPI helpers: every route documents its 200 body with a real example (figures from the
full data) and its problem responses (400, 404) with theirs."""

from __future__ import annotations

from typing import Any

from litestar.openapi.datastructures import ResponseSpec
from litestar.openapi.spec import Example
from litestar.params import Parameter

from api.lookup import MAX_ARGUMENT_CHARS, NAME_PATTERN
from api.problems import (
    INVALID_ARGUMENT,
    PROBLEM_MEDIA_TYPE,
    UNKNOWN_NAME,
    Problem,
    UnknownNameProblem,
)


def responses(
    model: type,
    example: dict[str, Any],
    *,
    summary: str,
    not_found: tuple[str, list[str]] | None = None,
    invalid: str | None = "name is empty.",
) -> dict[int, ResponseSpec]:
    """Response specs for a route: 200 with `example`, 400 when `invalid` gives an example
    detail, 404 when `not_found` gives an example detail and suggestions."""
    specs = {
        200: ResponseSpec(
            data_container=model,
            description="OK",
            generate_examples=False,
            examples=[Example(summary=summary, value=example)],
        ),
    }
    if invalid is not None:
        specs[400] = ResponseSpec(
            data_container=Problem,
            description="Invalid argument (RFC 9457 problem details)",
            media_type=PROBLEM_MEDIA_TYPE,
            generate_examples=False,
            examples=[
                Example(
                    summary="Invalid argument",
                    value={
                        "type": INVALID_ARGUMENT,
                        "title": "Invalid argument",
                        "status": 400,
                        "detail": invalid,
                    },
                )
            ],
        )
    if not_found is not None:
        detail, suggestions = not_found
        specs[404] = ResponseSpec(
            data_container=UnknownNameProblem,
            description="Unknown name, with up to five suggestions (RFC 9457 problem details)",
            media_type=PROBLEM_MEDIA_TYPE,
            generate_examples=False,
            examples=[
                Example(
                    summary="Unknown name",
                    value={
                        "type": UNKNOWN_NAME,
                        "title": "Unknown name",
                        "status": 404,
                        "detail": detail,
                        "suggestions": suggestions,
                    },
                )
            ],
        )
    return specs


def name_parameter(description: str, *examples: str) -> Any:
    """A documented string parameter naming something (1 to MAX_ARGUMENT_CHARS characters, no
    control characters, not blank), with examples."""
    return Parameter(
        description=description,
        min_length=1,
        max_length=MAX_ARGUMENT_CHARS,
        pattern=NAME_PATTERN,
        examples=[Example(value=value) for value in examples],
    )


def id_parameter(description: str, *examples: int, maximum: int = 2**31 - 1) -> Any:
    """A documented positive integer id parameter, with examples."""
    return Parameter(
        description=description,
        ge=1,
        le=maximum,
        examples=[Example(value=value) for value in examples],
    )
