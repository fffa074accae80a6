"""Ratings in: who may post them, which are valid, storing them durably, listing them.

One `FeedbackDesk` per app holds the tokens and the process's one writer connection to the
store. The write is blocking I/O (an fsync per commit), so handlers call it from a worker
thread; the lock serialises this process's writers on its connection (SQLite's own lock and
`busy_timeout` serialise the other processes). A request is validated whole before anything
is written and stored in one transaction: all or nothing.
"""

from __future__ import annotations

import hmac
import logging
import re
import sqlite3
import threading
from collections.abc import Sequence
from pathlib import Path

import duckdb
import msgspec

from api.db import BuildHandle, Warehouse
from api.feedback import queries
from api.feedback.schemas import (
    Accepted,
    Feedback,
    KnownFilm,
    Present,
    RatingIn,
    Snapshot,
)
from api.metrics import RequestMetrics
from api.problems import FeedbackDisabled, FeedbackUnavailable, InvalidRatings, Unauthorized
from api.users.schemas import MAX_ID, RATING_MAX, RATING_MIN
from warehouse import feedback_store

log = logging.getLogger("api.feedback")

#: Ratings one request may post.
MAX_RATINGS = 1000
#: Offending items a 422 names (the detail gives how many there were).
MAX_ERRORS_SHOWN = 100
#: The metrics family of POST outcomes (api.metrics.OUTCOMES).
RECEIVED = "feedback_ratings_received"
#: Where a decoding error points: `$[3].rating` (or Litestar's `data[3]`) is item 3.
_INDEX = re.compile(r"\[(\d+)\]")


class FeedbackDesk:
    """The app's feedback: its tokens, its store and the one writer connection to it."""

    def __init__(self, path: Path, tokens: Sequence[str], metrics: RequestMetrics) -> None:
        self.path = path
        self.metrics = metrics
        self._tokens = tuple(token.encode("utf-8") for token in tokens)
        self._writer: sqlite3.Connection | None = None
        self._write_lock = threading.Lock()

    @property
    def enabled(self) -> bool:
        return bool(self._tokens)

    def authorize(self, authorization: str | None, *, posting: bool) -> None:
        """Pass, or raise 503 (no tokens configured) / 401 (no or a wrong bearer token).

        Every configured token is compared, in constant time each (hmac.compare_digest), so
        the time taken says nothing about how much of a token matched."""
        if not self._tokens:
            if posting:
                self.metrics.count(RECEIVED, "disabled")
            raise FeedbackDisabled()
        scheme, _, token = (authorization or "").strip().partition(" ")
        sent = token.strip().encode("utf-8") if scheme.lower() == "bearer" else b""
        matched = False
        for known in self._tokens:
            matched |= hmac.compare_digest(sent, known)
        if not (sent and matched):
            if posting:
                self.metrics.count(RECEIVED, "unauthorized")
            raise Unauthorized(sent_a_token=bool(sent))

    def append(self, user_id: int, items: list[tuple[int, float]]) -> str:
        """Store one request's ratings in one committed transaction; returns their
        received_at. 503 when the store cannot commit (nothing stored)."""
        received_at = feedback_store.now()
        with self._write_lock:
            try:
                if self._writer is None:
                    self._writer = feedback_store.open_for_writing(self.path)
                feedback_store.append(self._writer, user_id, items, received_at)
            except sqlite3.Error:
                log.exception("feedback store %s: the ratings could not be stored", self.path)
                self._close_writer()  # the next request starts from a fresh connection
                raise FeedbackUnavailable() from None
        return received_at

    def close(self) -> None:
        with self._write_lock:
            self._close_writer()

    def _close_writer(self) -> None:
        writer, self._writer = self._writer, None
        if writer is not None:
            try:
                writer.close()
            except sqlite3.Error:
                log.exception("feedback store %s: closing the writer failed", self.path)


# -- the live build's watermark -----------------------------------------------------------------


# The watermark of the last builds asked about, keyed by the build's handle (its identity: a
# handle is never reused for another build). A build never changes, so it is read once per
# build; /metrics asks at every scrape and must not count as lookups of the answer cache.
_watermarks: dict[int, tuple[BuildHandle, int]] = {}
_watermarks_lock = threading.Lock()


def live_watermark(warehouse: Warehouse) -> int:
    """The highest feedback id the live build was trained on: 0 for a build without
    `api.feedback_snapshot` (made before it existed) or an empty one."""
    handle = warehouse.current
    with _watermarks_lock:
        known = _watermarks.get(id(handle))
        if known is not None and known[0] is handle:
            return known[1]
    watermark = _read_watermark(warehouse, handle)
    with _watermarks_lock:
        while len(_watermarks) >= 2:
            _watermarks.pop(next(iter(_watermarks)))
        _watermarks[id(handle)] = (handle, watermark)
    return watermark


def _read_watermark(warehouse: Warehouse, handle: BuildHandle) -> int:
    present = warehouse.fetch_struct(queries.SNAPSHOT_PRESENT, {"catalog": handle.alias}, Present)
    if present is None or not present.present:
        return 0
    try:
        found = warehouse.fetch_struct(queries.SNAPSHOT, (), Snapshot)
    except duckdb.CatalogException:  # swapped to an older build between the two statements
        return 0
    return (found.watermark or 0) if found is not None else 0


# -- POST -----------------------------------------------------------------------------------------


def _rating_error(item: RatingIn) -> str | None:
    if not 1 <= item.movie_id <= MAX_ID:
        return f"movie_id must be between 1 and {MAX_ID}"
    if not RATING_MIN <= item.rating <= RATING_MAX or not (item.rating * 2).is_integer():
        return f"rating must be {RATING_MIN} to {RATING_MAX} in steps of 0.5, not {item.rating}"
    return None


def _errors(warehouse: Warehouse, rated: list[RatingIn]) -> list[dict[str, object]]:
    """Every offending item: out of range, a film named twice, a film not in the live
    catalogue (one parameterized statement for all the request's films)."""
    errors: list[tuple[int, int, str]] = []
    first_at: dict[int, int] = {}
    for index, item in enumerate(rated):
        reason = _rating_error(item)
        if reason is None and item.movie_id in first_at:
            first = first_at[item.movie_id]
            reason = f"movie_id rated more than once in this request (first at index {first})"
        first_at.setdefault(item.movie_id, index)
        if reason is not None:
            errors.append((index, item.movie_id, reason))
    wanted = sorted(m for m in first_at if 1 <= m <= MAX_ID)
    if wanted:
        found = warehouse.fetch_structs(queries.KNOWN_FILMS, {"ids": wanted}, KnownFilm)
        known = {film.movie_id for film in found}
        errors += [
            (index, m, "no film of the live catalogue has this movie_id")
            for m, index in first_at.items()
            if m in wanted and m not in known
        ]
    errors.sort()
    return [{"index": i, "movie_id": m, "reason": reason} for i, m, reason in errors]


def reject(detail: str, errors: list[dict[str, object]], metrics: RequestMetrics) -> InvalidRatings:
    """The 422 of an invalid request, counted."""
    metrics.count(RECEIVED, "rejected_invalid")
    return InvalidRatings(detail, errors[:MAX_ERRORS_SHOWN])


def not_a_list(reasons: list[str], metrics: RequestMetrics) -> InvalidRatings:
    """The 422 of a body that does not decode into ratings, naming the item the decoder
    stopped at (`$[3].rating`: index 3)."""
    errors: list[dict[str, object]] = []
    for reason in reasons:
        index = _INDEX.search(reason)
        errors.append(
            {"index": int(index[1]) if index else None, "movie_id": None, "reason": reason[:200]}
        )
    return reject("The body is not a list of {movie_id, rating}.", errors, metrics)


def decode_strictly(body: bytes, metrics: RequestMetrics) -> list[RatingIn]:
    """The body as ratings, types checked strictly (no "4" for 4); 422 otherwise."""
    try:
        return msgspec.json.decode(body, type=list[RatingIn], strict=True)
    except msgspec.DecodeError as exc:  # ValidationError included
        raise not_a_list([str(exc)], metrics) from None


def post_ratings(
    desk: FeedbackDesk, warehouse: Warehouse, user_id: int, rated: list[RatingIn]
) -> Accepted:
    """Validate the whole request, then store it in one transaction (see module doc); 422
    naming every offending item, storing nothing, when any item is invalid."""
    if not 1 <= len(rated) <= MAX_RATINGS:
        raise reject(
            f"Post 1 to {MAX_RATINGS} ratings, not {len(rated)}; nothing was stored.",
            [],
            desk.metrics,
        )
    errors = _errors(warehouse, rated)
    if errors:
        shown = "" if len(errors) <= MAX_ERRORS_SHOWN else f" (the first {MAX_ERRORS_SHOWN})"
        raise reject(
            f"{len(errors)} of {len(rated)} ratings cannot be stored{shown}; nothing was stored.",
            errors,
            desk.metrics,
        )
    received_at = desk.append(user_id, [(item.movie_id, item.rating) for item in rated])
    desk.metrics.count(RECEIVED, "accepted")
    return Accepted(user_id=user_id, accepted=len(rated), received_at=received_at)


# -- GET ------------------------------------------------------------------------------------------


def user_feedback(desk: FeedbackDesk, warehouse: Warehouse, user_id: int) -> list[Feedback]:
    """Every rating `user_id` posted, oldest first, each marked in the live build or not
    (an empty list for a user who posted none: any positive id may be a new user)."""
    watermark = live_watermark(warehouse)
    with feedback_store.reading(desk.path) as con:
        stored = [] if con is None else feedback_store.user_ratings(con, user_id)
    return [
        Feedback(
            feedback_id=row.feedback_id,
            movie_id=row.movie_id,
            rating=row.rating,
            received_at=row.received_at,
            in_live_build=row.feedback_id <= watermark,
        )
        for row in stored
    ]
