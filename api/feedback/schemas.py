"""Request and response bodies of `/users/{user_id}/ratings`, and the rows they are built
from."""

from __future__ import annotations

from typing import Annotated, Any

import msgspec

from api.users.schemas import MAX_ID, RATING_MAX, RATING_MIN, RATING_STEP


def _documented(description: str, **constraints: Any) -> msgspec.Meta:
    """Constraints the document states but msgspec does not enforce: the service checks them
    itself, so that every offending item of a request is named in one 422 (msgspec would stop
    at the first and answer 400)."""
    return msgspec.Meta(extra_json_schema={"description": description, "extra": constraints})


class RatingIn(msgspec.Struct):
    """One posted rating: a TMDB movie id of the live catalogue, 0.5 to 5 stars in halves."""

    movie_id: Annotated[int, _documented("TMDB movie id.", minimum=1, maximum=MAX_ID)]
    rating: Annotated[
        float,
        _documented(
            "Stars, 0.5 to 5 in steps of 0.5.",
            minimum=RATING_MIN,
            maximum=RATING_MAX,
            multipleOf=RATING_STEP,
        ),
    ]


class Accepted(msgspec.Struct):
    """202: the ratings are stored durably; the next build trains on them."""

    user_id: int
    accepted: int
    received_at: str


class Feedback(msgspec.Struct):
    """One stored rating; `in_live_build`: the build being served was trained on it."""

    feedback_id: int
    movie_id: int
    rating: float
    received_at: str
    in_live_build: bool


# -- rows of the statements (not response bodies) --------------------------------------------


class KnownFilm(msgspec.Struct):
    """A row of KNOWN_FILMS."""

    movie_id: int


class Present(msgspec.Struct):
    """The row of SNAPSHOT_PRESENT."""

    present: bool


class Snapshot(msgspec.Struct):
    """The row of SNAPSHOT."""

    watermark: int | None
