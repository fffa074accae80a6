"""Documented parameters of the streaming questions, shared by `/streaming` and the
statement's Spanish routes that ask the same questions."""

from __future__ import annotations

from typing import Any

from litestar.openapi.spec import Example
from litestar.params import Parameter, QueryParameter

from api import lookup
from api.docs import choice_parameter
from api.streaming.service import DURATION_TYPE_KEYS, PLATFORM_KEYS, TITLE_TYPE_KEYS, allowed

#: Release years a request may name (the catalogues span 1920-2021).
MIN_YEAR = 1800
MAX_YEAR = 2100
#: Scores are mean user ratings on a 0.5-5 scale.
MAX_SCORE = 5


def year_parameter(description: str, *examples: int) -> Any:
    """A documented release year parameter (MIN_YEAR to MAX_YEAR)."""
    return Parameter(
        description=description,
        ge=MIN_YEAR,
        le=MAX_YEAR,
        examples=[Example(value=value) for value in examples],
    )


def platform_parameter(*examples: str) -> Any:
    """A documented platform parameter, listing the accepted names."""
    return choice_parameter(
        "Streaming platform, any case: " + allowed(PLATFORM_KEYS) + ".", PLATFORM_KEYS, *examples
    )


DURATION_TYPE_DESCRIPTION = (
    "`min` (minutes) or `season` / `seasons`, any case. Default `min`: comparing minutes "
    "with seasons is meaningless (a few Hulu movies are listed in seasons)."
)


def duration_type_parameter(*examples: str) -> Any:
    """The documented duration type (`min`, `season`, `seasons`, any case)."""
    return choice_parameter(DURATION_TYPE_DESCRIPTION, DURATION_TYPE_KEYS, *examples)


TITLE_TYPE_PARAMETER = QueryParameter(
    name="type",
    description="`movie` or `tv show` (also `movies`, `tv shows`, `tv_show`, `tv-show`), any "
    "case; omitted = all types.",
    min_length=1,
    max_length=lookup.MAX_ARGUMENT_CHARS,
    pattern=lookup.NAME_PATTERN,
    # The document lists the types; the service's 400 names them (see choice_parameter).
    schema_extra={"pattern": lookup.spelled_pattern(TITLE_TYPE_KEYS)},
    examples=[Example(value="movie"), Example(value="TV Show")],
)
SCORED_PARAMETER = Parameter(
    description="Score threshold, 0 to 5: movies with a mean user score strictly greater count.",
    ge=0,
    le=MAX_SCORE,
    examples=[Example(value=3.5)],
)
