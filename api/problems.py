"""Problem details (RFC 9457) for every error the API answers.

Controllers raise `UnknownName` (404, with up to five suggestions), `NoMatch` (404: valid
arguments that select nothing), `InvalidArgument` (400) or `NotBuilt` (503: the live build
lacks the similarity tables); the feedback routes raise `Unauthorized` (401),
`FeedbackDisabled` / `FeedbackUnavailable` (503) and `InvalidRatings` (422).
Litestar's own HTTP errors (validation of ints and query parameters, unknown routes, wrong
methods) are turned into the same shape by `http_exception_to_problem`, and anything else
becomes a bare 500 problem without a traceback (`internal_error_handler`): a last resort that
the tests make sure no awkward input reaches.
"""

from __future__ import annotations

import logging
from http import HTTPStatus
from typing import Any

import msgspec
from litestar import Request, Response
from litestar.exceptions import HTTPException, ValidationException
from litestar.plugins.problem_details import ProblemDetailsException

from api.cache import SLASH

log = logging.getLogger("api")

PROBLEM_MEDIA_TYPE = "application/problem+json"
UNKNOWN_NAME = "urn:movie-warehouse:problem:unknown-name"
INVALID_ARGUMENT = "urn:movie-warehouse:problem:invalid-argument"
INTERNAL_ERROR = "urn:movie-warehouse:problem:internal-error"
NO_MATCH = "urn:movie-warehouse:problem:no-match"
NOT_BUILT = "urn:movie-warehouse:problem:not-built"
NOT_GENERATED = "urn:movie-warehouse:problem:not-generated"
DEGRADED = "urn:movie-warehouse:problem:degraded"
CONFLICT = "urn:movie-warehouse:problem:conflicting-ratings"
UNAUTHORIZED = "urn:movie-warehouse:problem:unauthorized"
FEEDBACK_DISABLED = "urn:movie-warehouse:problem:feedback-disabled"
FEEDBACK_UNAVAILABLE = "urn:movie-warehouse:problem:feedback-unavailable"
INVALID_RATINGS = "urn:movie-warehouse:problem:invalid-ratings"


class Problem(msgspec.Struct, omit_defaults=True):
    """An RFC 9457 problem details body."""

    type: str
    title: str
    status: int
    detail: str
    instance: str | None = None
    errors: list[dict[str, Any]] | None = None


class UnknownNameProblem(Problem, kw_only=True):
    """404: the name matches nothing; the closest known names are suggested (a path that is
    no route at all gets the same problem without suggestions)."""

    suggestions: list[str] = []


class DegradedProblem(Problem, kw_only=True):
    """503 of `/health`: the live build fails a check; `checks` names each failed one
    (`checksum`: the file differs from the build's record; `api.<relation>`: its first row
    cannot be read) and `build_file` the file's name."""

    build_file: str
    checks: dict[str, str]


class UnknownName(ProblemDetailsException):
    """A name (person, title, franchise, ...) that matches no row; 404 with suggestions."""

    def __init__(self, what: str, argument: str, suggestions: list[str]) -> None:
        argument = argument.replace(SLASH, "/")
        shown = argument if len(argument) <= 80 else argument[:77] + "..."
        super().__init__(
            status_code=404,
            type_=UNKNOWN_NAME,
            title="Unknown name",
            detail=f"No {what} matches {shown!r}.",
            extra={"suggestions": suggestions},
        )


class InvalidArgument(ProblemDetailsException):
    """An argument that can never name anything (empty, too long, out of range); 400."""

    def __init__(self, detail: str) -> None:
        super().__init__(
            status_code=400, type_=INVALID_ARGUMENT, title="Invalid argument", detail=detail
        )


class NoMatch(ProblemDetailsException):
    """Valid arguments that select nothing (no movie of that year on that platform, a
    platform without cast data); 404 whose detail says why. A count is never a NoMatch: 0 is
    an answer."""

    def __init__(self, detail: str) -> None:
        super().__init__(status_code=404, type_=NO_MATCH, title="No match", detail=detail)


class RepeatedFilm(ProblemDetailsException):
    """A new user's ratings name one film twice: 409, the two ratings conflict. (Not a 400:
    the document cannot say "each movie_id once" in JSON Schema, and a body it calls valid
    must not be answered "invalid".)"""

    def __init__(self, ids: str) -> None:
        super().__init__(
            status_code=409,
            type_=CONFLICT,
            title="Conflicting ratings",
            detail=f"Each film may be rated once; rated more than once: {ids}.",
        )


class NotBuilt(ProblemDetailsException):
    """The live build lacks the tables a route reads (the similarity models of a build made
    with `--skip-recommenders`); 503 until a full build is live."""

    def __init__(self, what: str, reason: str | None = None) -> None:
        super().__init__(
            status_code=503,
            type_=NOT_BUILT,
            title="Not in this build",
            detail=f"The live build has no {what}: "
            + (reason or "it was built without them (--skip-recommenders)")
            + ". A full build serves them.",
        )


class NotGenerated(ProblemDetailsException):
    """A page made by a separate command (docs, report) that has not been run for this
    build directory yet; 404 whose detail names the command."""

    def __init__(self, what: str, command: str) -> None:
        super().__init__(
            status_code=404,
            type_=NOT_GENERATED,
            title="Not generated",
            detail=f"The {what} has not been generated: run `{command}`.",
        )


class BuildDegraded(ProblemDetailsException):
    """The live build fails its checks (`/health`): 503 naming what failed, so a load
    balancer takes the process out while the other routes would answer 500s."""

    def __init__(self, build_file: str, checks: dict[str, str]) -> None:
        failed = ", ".join(f"{name} {verdict}" for name, verdict in checks.items())
        super().__init__(
            status_code=503,
            type_=DEGRADED,
            title="Degraded",
            detail=f"The live build {build_file} fails its checks: {failed}.",
            extra={"build_file": build_file, "checks": checks},
        )


class Unauthorized(ProblemDetailsException):
    """A feedback route without a valid bearer token: 401 with `WWW-Authenticate: Bearer`
    (RFC 6750; `error="invalid_token"` when a token was sent but is not one of ours)."""

    def __init__(self, sent_a_token: bool) -> None:
        challenge = 'Bearer realm="feedback"' + (', error="invalid_token"' if sent_a_token else "")
        super().__init__(
            status_code=401,
            type_=UNAUTHORIZED,
            title="Unauthorized",
            detail="This route needs `Authorization: Bearer <token>` with a feedback token"
            + (": the token sent is not one of them." if sent_a_token else "."),
            headers={"WWW-Authenticate": challenge},
        )


class FeedbackDisabled(ProblemDetailsException):
    """No feedback token is configured: 503, ratings are never accepted anonymously."""

    def __init__(self) -> None:
        super().__init__(
            status_code=503,
            type_=FEEDBACK_DISABLED,
            title="Feedback disabled",
            detail="No feedback tokens are configured (FEEDBACK_TOKENS, FEEDBACK_TOKENS_FILE): "
            "this server does not take ratings.",
        )


class FeedbackUnavailable(ProblemDetailsException):
    """The feedback store could not commit (locked beyond the busy timeout, disk full): 503,
    nothing of the request was stored, the client may retry."""

    def __init__(self) -> None:
        super().__init__(
            status_code=503,
            type_=FEEDBACK_UNAVAILABLE,
            title="Feedback store unavailable",
            detail="The ratings could not be stored; nothing was stored. Retry later.",
        )


class InvalidRatings(ProblemDetailsException):
    """Posted ratings that cannot all be stored: 422 naming each offending item (`errors`:
    its index in the list, its movie_id, the reason); nothing of the request is stored."""

    def __init__(self, detail: str, errors: list[dict[str, Any]]) -> None:
        super().__init__(
            status_code=422,
            type_=INVALID_RATINGS,
            title="Invalid ratings",
            detail=detail,
            extra={"errors": errors},
        )


_ERROR_KEYS = ("key", "message", "source")


def http_exception_to_problem(exc: HTTPException) -> ProblemDetailsException:
    """Litestar's HTTP errors (validation, 404 route, 405 ...) as problem details."""
    status = exc.status_code
    try:
        title = HTTPStatus(status).phrase
    except ValueError:
        title = "Error"
    detail = str(exc.detail or title)
    extra: dict[str, Any] = {}
    if isinstance(exc, ValidationException):
        # Litestar's detail repeats the whole path (a 10 kB argument included): say it short.
        title, detail = "Invalid argument", "The request's arguments are not valid."
        if isinstance(exc.extra, list):
            extra["errors"] = [
                {key: str(value)[:200] for key, value in error.items() if key in _ERROR_KEYS}
                for error in exc.extra
                if isinstance(error, dict)
            ]
    return ProblemDetailsException(
        status_code=status,
        type_=INVALID_ARGUMENT if status == 400 else "about:blank",
        title=title,
        detail=detail[:300],
        extra=extra or None,
        headers=exc.headers,
    )


def internal_error_handler(request: Request[Any, Any, Any], exc: Exception) -> Response[Any]:
    """The last resort: log the error, answer a 500 problem that reveals nothing."""
    log.error("unhandled error on %s %s", request.method, request.url.path, exc_info=exc)
    body = Problem(
        type=INTERNAL_ERROR,
        title="Internal Server Error",
        status=500,
        detail="The server could not answer this request.",
    )
    return Response(body, status_code=500, media_type=PROBLEM_MEDIA_TYPE)
