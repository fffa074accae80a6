"""OpenAPI examples of `/users/{user_id}/ratings`: a new user (no MovieLens user has an id
that high) rating Toy Story and Jumanji, then listing what they posted (the GET example is
the answer after the POST example, on a build older than the ratings)."""

from __future__ import annotations

#: The body of the POST example (tests/api/test_openapi_examples.py posts it before the GET).
RATINGS = [{"movie_id": 862, "rating": 5.0}, {"movie_id": 8844, "rating": 3.5}]
ACCEPTED = {"user_id": 1000001, "accepted": 2, "received_at": "2026-01-05T10:30:00.123456+00:00"}
USER_FEEDBACK = [
    {
        "feedback_id": 1,
        "movie_id": 862,
        "rating": 5.0,
        "received_at": "2026-01-05T10:30:00.123456+00:00",
        "in_live_build": False,
    },
    {
        "feedback_id": 2,
        "movie_id": 8844,
        "rating": 3.5,
        "received_at": "2026-01-05T10:30:00.123456+00:00",
        "in_live_build": False,
    },
]
INVALID = {
    "type": "urn:movie-warehouse:problem:invalid-ratings",
    "title": "Invalid ratings",
    "status": 422,
    "detail": "2 of 3 ratings cannot be stored; nothing was stored.",
    "errors": [
        {
            "index": 1,
            "movie_id": 8844,
            "reason": "rating must be 0.5 to 5.0 in steps of 0.5, not 3.3",
        },
        {
            "index": 2,
            "movie_id": 99999999,
            "reason": "no film of the live catalogue has this movie_id",
        },
    ],
}
UNAUTHORIZED = {
    "type": "urn:movie-warehouse:problem:unauthorized",
    "title": "Unauthorized",
    "status": 401,
    "detail": "This route needs `Authorization: Bearer <token>` with a feedback token.",
}
DISABLED = {
    "type": "urn:movie-warehouse:problem:feedback-disabled",
    "title": "Feedback disabled",
    "status": 503,
    "detail": "No feedback tokens are configured (FEEDBACK_TOKENS, FEEDBACK_TOKENS_FILE): "
    "this server does not take ratings.",
}
