"""`/users/{user_id}/ratings`: post ratings (202), list them (200); bearer token required."""

from __future__ import annotations

import functools
from typing import Annotated, Any

import anyio.to_thread
from litestar import Controller, Request, Response, get, post
from litestar.connection import ASGIConnection
from litestar.datastructures import CacheControlHeader
from litestar.di import NamedDependency
from litestar.exceptions import ClientException
from litestar.handlers.base import BaseRouteHandler
from litestar.openapi.datastructures import ResponseSpec
from litestar.openapi.spec import Example
from litestar.params import Body

from api import paging
from api.db import MAY_RUN_LONG, Warehouse
from api.docs import id_parameter
from api.feedback import examples, service
from api.feedback.schemas import Accepted, Feedback, RatingIn
from api.feedback.service import FeedbackDesk
from api.problems import (
    PROBLEM_MEDIA_TYPE,
    InvalidRatings,
    Problem,
    http_exception_to_problem,
)

#: Key of the app's state holding the FeedbackDesk (the guard has no dependency injection).
FEEDBACK_DESK = "feedback_desk"
#: The OpenAPI security scheme of the feedback routes (api.app declares it).
SECURITY_SCHEME = "feedbackToken"
#: Answers that change without a build and belong to one user: never stored, never tagged.
NO_STORE = CacheControlHeader(no_store=True)
USER_ID = id_parameter(
    "User id: any positive id (MovieLens users are 1 to 671 on the shared data; a new id is "
    "a new user of the product).",
    1000001,
)


def require_token(connection: ASGIConnection[Any, Any, Any, Any], _: BaseRouteHandler) -> None:
    """Guard: 503 without configured tokens, 401 without a valid bearer token. A guard runs
    before the body is read, so nothing about a request is judged before its sender is."""
    desk: FeedbackDesk = connection.app.state[FEEDBACK_DESK]
    desk.authorize(connection.headers.get("authorization"), posting=connection.method == "POST")


def body_rejected(request: Request[Any, Any, Any], exc: ClientException) -> Response[Any]:
    """A POST body that is not a list of `{movie_id, rating}` (a string rating, a missing
    field, not JSON): 422 like any other invalid ratings, naming the item msgspec stopped at.
    An invalid path argument keeps its 400."""
    extra = exc.extra if isinstance(exc.extra, list) else []
    from_body = [e for e in extra if isinstance(e, dict) and e.get("source") == "body"]
    if exc.status_code != 400 or (extra and not from_body):
        return http_exception_to_problem(exc).to_response(request)
    desk: FeedbackDesk = request.app.state[FEEDBACK_DESK]
    # Litestar's messages drop where the error is (`$[3].rating`); the body it read is kept
    # in the connection's state, so decode it again strictly for msgspec's own message.
    body = getattr(getattr(request, "_connection_state", None), "body", None)
    if isinstance(body, bytes):
        try:
            service.decode_strictly(body, desk.metrics)
        except InvalidRatings as problem:
            return problem.to_response(request)
    reasons = [str(error.get("message", "")) for error in from_body] or [str(exc.detail)]
    return service.not_a_list(reasons, desk.metrics).to_response(request)


def _problem(status: int, description: str, summary: str, value: dict[str, Any]) -> ResponseSpec:
    return ResponseSpec(
        data_container=Problem,
        description=f"{description} (RFC 9457 problem details)",
        media_type=PROBLEM_MEDIA_TYPE,
        generate_examples=False,
        examples=[Example(summary=summary, value=value)],
    )


_AUTH_RESPONSES = {
    404: _problem(
        404,
        "No such route: a user_id that is not an integer",
        "Not Found",
        {"type": "about:blank", "title": "Not Found", "status": 404, "detail": "Not Found"},
    ),
    401: _problem(
        401,
        "No bearer token, or not a feedback token (`WWW-Authenticate: Bearer`)",
        "Unauthorized",
        examples.UNAUTHORIZED,
    ),
    503: _problem(
        503,
        "No feedback tokens configured (feedback disabled), or the store could not commit",
        "Feedback disabled",
        examples.DISABLED,
    ),
}


class FeedbackController(Controller):
    path = "/users"
    tags = ("feedback",)
    guards = (require_token,)
    security = ({SECURITY_SCHEME: []},)

    @post(
        "/{user_id:int}/ratings",
        status_code=202,
        cache_control=NO_STORE,
        exception_handlers={ClientException: body_rejected},
        summary="Post a user's ratings: stored durably for the next build to train on",
        description=(
            "The body lists 1 to 1,000 `{movie_id, rating}` (TMDB ids of the live catalogue, "
            "0.5 to 5 stars in halves, each film once per request). Any positive user_id is "
            "accepted: a new id is a new user. All or nothing: an unknown film, a rating off "
            "the grid, a film named twice or a body that is not such a list answers 422 "
            "naming every offending item (`errors`: index, movie_id, reason) and stores "
            "nothing. 202 means committed to disk (SQLite WAL, synchronous=FULL): a crash "
            "right after the answer loses nothing. The ratings are in the live build after "
            "the next build (`GET` shows `in_live_build`)."
        ),
        responses={
            202: ResponseSpec(
                data_container=Accepted,
                description="Accepted: stored durably",
                generate_examples=False,
                examples=[
                    Example(
                        summary="POST /users/1000001/ratings (two ratings)",
                        value=examples.ACCEPTED,
                    )
                ],
            ),
            400: _problem(
                400,
                "An invalid user_id",
                "Invalid argument",
                {
                    "type": "urn:movie-warehouse:problem:invalid-argument",
                    "title": "Invalid argument",
                    "status": 400,
                    "detail": "The request's arguments are not valid.",
                },
            ),
            413: ResponseSpec(
                data_container=Problem,
                description="A body larger than the server's limit (API_MAX_BODY_BYTES)",
                media_type=PROBLEM_MEDIA_TYPE,
                generate_examples=False,
            ),
            422: _problem(
                422, "Ratings that cannot all be stored", "Invalid ratings", examples.INVALID
            ),
            **_AUTH_RESPONSES,
        },
    )
    async def post_ratings(
        self,
        request: Request[Any, Any, Any],
        warehouse: NamedDependency[Warehouse],
        feedback: NamedDependency[FeedbackDesk],
        user_id: Annotated[int, USER_ID],
        data: Annotated[
            list[RatingIn],
            Body(
                description="The user's ratings: `[{movie_id, rating}, ...]`, 1 to "
                f"{service.MAX_RATINGS}, each film once.",
                examples=[Example(summary="Two ratings", value=examples.RATINGS)],
            ),
        ],
    ) -> Accepted:
        # `data` documents the body; Litestar decodes it leniently ("4" as 4.0), so the body
        # is decoded again strictly: a string where a number goes is an invalid rating.
        rated = service.decode_strictly(await request.body(), feedback.metrics)
        # Validation asks DuckDB and the commit waits for an fsync: a worker thread, never
        # the event loop.
        return await anyio.to_thread.run_sync(
            functools.partial(service.post_ratings, feedback, warehouse, user_id, rated)
        )

    @get(
        "/{user_id:int}/ratings",
        sync_to_thread=MAY_RUN_LONG,
        cache_control=NO_STORE,
        summary="A user's posted ratings, oldest first, each saying if the live build has it",
        description=(
            "A plain array paged by `limit`/`offset`, the length of the whole list in "
            f"`{paging.TOTAL_COUNT}`. `in_live_build`: the build being served was trained on "
            "this rating (its feedback_id is at most the build's watermark). A user who posted "
            "nothing gets an empty list (any positive id may be a new user). A film rated "
            "twice is listed twice; the latest rating wins in training. Never cached."
        ),
        responses={
            200: ResponseSpec(
                data_container=list[Feedback],
                description="OK",
                generate_examples=False,
                examples=[
                    Example(summary="GET /users/1000001/ratings", value=examples.USER_FEEDBACK)
                ],
            ),
            400: _problem(
                400,
                "An invalid argument",
                "Invalid argument",
                {
                    "type": "urn:movie-warehouse:problem:invalid-argument",
                    "title": "Invalid argument",
                    "status": 400,
                    "detail": "The request's arguments are not valid.",
                },
            ),
            **_AUTH_RESPONSES,
        },
    )
    def list_ratings(
        self,
        warehouse: NamedDependency[Warehouse],
        feedback: NamedDependency[FeedbackDesk],
        user_id: Annotated[int, USER_ID],
        limit: Annotated[int, paging.LIMIT] = 100,
        offset: Annotated[int, paging.OFFSET] = 0,
    ) -> Response[list[Feedback]]:
        items = service.user_feedback(feedback, warehouse, user_id)
        return paging.page(items, limit, offset)
