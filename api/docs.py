"""OpenAPI helpers: every route documents its 200 body with a real example (figures from the
full data) and its problem responses (400, 404) with theirs."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from litestar.openapi.datastructures import ResponseSpec
from litestar.openapi.spec import Example
from litestar.params import Parameter

from api.lookup import (
    MAX_ARGUMENT_CHARS,
    NAME_PATTERN,
    number_or_name_pattern,
    spelled_pattern,
)
from api.problems import (
    INVALID_ARGUMENT,
    NO_MATCH,
    NOT_BUILT,
    PROBLEM_MEDIA_TYPE,
    UNKNOWN_NAME,
    NotBuilt,
    Problem,
    UnknownNameProblem,
)


def responses(
    model: type,
    example: dict[str, Any] | list[Any],
    *,
    summary: str,
    not_found: tuple[str, list[str]] | None = None,
    invalid: str | None = "name is empty.",
    no_match: str | None = None,
    not_built: str | None = None,
) -> dict[int, ResponseSpec]:
    """Response specs for a route: 200 with `example`, 400 when `invalid` gives an example
    detail, 404 when `not_found` gives an example detail and suggestions and/or `no_match` an
    example detail (valid arguments that select nothing), 503 when `not_built` names what a
    build without the recommenders lacks."""
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
    not_found_examples = []
    if not_found is not None:
        detail, suggestions = not_found
        not_found_examples.append(
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
        )
    if no_match is not None:
        not_found_examples.append(
            Example(
                summary="No match",
                value={"type": NO_MATCH, "title": "No match", "status": 404, "detail": no_match},
            )
        )
    if not_found_examples:
        specs[404] = ResponseSpec(
            data_container=UnknownNameProblem if not_found is not None else Problem,
            description=" or ".join(
                reason
                for reason, given in [
                    ("Unknown name, with up to five suggestions", not_found is not None),
                    ("Nothing matches the arguments", no_match is not None),
                ]
                if given
            )
            + " (RFC 9457 problem details)",
            media_type=PROBLEM_MEDIA_TYPE,
            generate_examples=False,
            examples=not_found_examples,
        )
    if not_built is not None:
        specs[503] = ResponseSpec(
            data_container=Problem,
            description="The live build lacks this route's tables (RFC 9457 problem details)",
            media_type=PROBLEM_MEDIA_TYPE,
            generate_examples=False,
            examples=[
                Example(
                    summary="Not in this build",
                    value={
                        "type": NOT_BUILT,
                        "title": "Not in this build",
                        "status": 503,
                        "detail": NotBuilt(not_built).detail,
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


def choice_parameter(description: str, spellings: Iterable[str], *examples: str) -> Any:
    """A documented string parameter taking one of a closed set of `spellings` (any case,
    spaces around). The document's pattern lists them, so it says exactly what is accepted;
    the request is checked against the looser NAME_PATTERN here and against the set by the
    service, whose 400 names the accepted values (Litestar's would only quote the regex)."""
    return Parameter(
        description=description,
        min_length=1,
        max_length=MAX_ARGUMENT_CHARS,
        pattern=NAME_PATTERN,
        schema_extra={"pattern": spelled_pattern(spellings)},
        examples=[Example(value=value) for value in examples],
    )


def number_or_name_parameter(description: str, maximum: int, *examples: str) -> Any:
    """A month or weekday parameter: a name, or a number 1 to `maximum`. The document's
    pattern leaves out the other numbers (0, 13), which the service answers with a 400 naming
    the range (checked there, as for `choice_parameter`)."""
    return Parameter(
        description=description,
        min_length=1,
        max_length=MAX_ARGUMENT_CHARS,
        pattern=NAME_PATTERN,
        schema_extra={"pattern": number_or_name_pattern(maximum)},
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
