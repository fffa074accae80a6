"""The feedback store: ratings posted to the API, kept apart from the immutable warehouse.

Why SQLite and why here: the warehouse files are immutable builds the API opens read-only, so
the one thing the API writes needs its own transactional file. SQLite in WAL mode lets several
API worker processes append while readers (the API's GET, a build's snapshot) read a consistent
state without blocking them; `synchronous=FULL` makes a commit durable before the API answers
202, so kill -9 right after the answer loses nothing. Standard library only: the API (writes,
lists a user's ratings) and the build (snapshots every row received before it started) both
import this module, and neither imports the other.

One table, append-only: `ratings(id, user_id, movie_id, rating, received_at)`. `id` grows with
every accepted rating (AUTOINCREMENT: never reused), so "every row received before the build
started" is "id <= the highest id at that moment": the build's *watermark*, which the build
records (`audit.feedback_snapshot`) so the API can say whether a rating is in the live build.
The latest rating per (user, film) wins, by id; older rows stay as history.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

SCHEMA = """
create table if not exists ratings (
    id integer primary key autoincrement,
    user_id integer not null check (user_id > 0),
    movie_id integer not null check (movie_id > 0),
    rating real not null check (rating between 0.5 and 5.0 and rating * 2 = round(rating * 2)),
    received_at text not null
);
create index if not exists ratings_by_user on ratings (user_id, id);
"""

#: Columns of a snapshot, in order (the dbt source `feedback.ratings` declares the same).
COLUMNS = ("feedback_id", "user_id", "movie_id", "rating", "received_at")

#: Seconds a writer waits for another process's write transaction before giving up.
BUSY_TIMEOUT_SECONDS = 10.0


@dataclass(frozen=True)
class StoredRating:
    feedback_id: int
    user_id: int
    movie_id: int
    rating: float
    received_at: str


def now() -> str:
    """A timestamp as stored: ISO 8601, UTC, microseconds (sorts as text)."""
    return datetime.now(UTC).isoformat(timespec="microseconds")


def open_for_writing(path: Path) -> sqlite3.Connection:
    """A connection that appends durably (WAL, synchronous=FULL); creates the store if needed.

    `isolation_level=None`: transactions are explicit (`append` runs BEGIN IMMEDIATE … COMMIT),
    so a batch is all or nothing."""
    path.parent.mkdir(parents=True, exist_ok=True)
    con = sqlite3.connect(
        path, timeout=BUSY_TIMEOUT_SECONDS, isolation_level=None, check_same_thread=False
    )
    con.execute("pragma journal_mode = wal")
    con.execute("pragma synchronous = full")
    con.executescript(SCHEMA)
    return con


def append(
    con: sqlite3.Connection, user_id: int, items: Iterable[tuple[int, float]], received_at: str
) -> int:
    """Store one request's ratings in one transaction; returns how many rows were written."""
    rows = [(user_id, movie_id, rating, received_at) for movie_id, rating in items]
    con.execute("begin immediate")
    try:
        con.executemany(
            "insert into ratings (user_id, movie_id, rating, received_at) values (?, ?, ?, ?)",
            rows,
        )
    except BaseException:
        con.execute("rollback")
        raise
    con.execute("commit")
    return len(rows)


@contextmanager
def reading(path: Path) -> Iterator[sqlite3.Connection | None]:
    """A read-only connection to the store, or None when there is no store yet."""
    if not path.is_file():
        yield None
        return
    with closing(sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)) as con:
        yield con


def user_ratings(con: sqlite3.Connection, user_id: int) -> list[StoredRating]:
    """Every rating a user posted, oldest first."""
    rows = con.execute(
        "select id, user_id, movie_id, rating, received_at from ratings"
        " where user_id = ? order by id",
        (user_id,),
    )
    return [StoredRating(*row) for row in rows]


def snapshot(path: Path) -> tuple[int, list[StoredRating]]:
    """(watermark, rows): every row received so far, read in one transaction, and the highest
    id among them (0 for an empty or missing store)."""
    with reading(path) as con:
        if con is None:
            return 0, []
        con.execute("begin")
        rows = [
            StoredRating(*row)
            for row in con.execute(
                "select id, user_id, movie_id, rating, received_at from ratings order by id"
            )
        ]
        con.execute("commit")
    return (rows[-1].feedback_id if rows else 0), rows


def pending(path: Path, watermark: int) -> tuple[int, str | None]:
    """(rows not yet in a build, received_at of the oldest of them) for a build's watermark."""
    with reading(path) as con:
        if con is None:
            return 0, None
        count, oldest = con.execute(
            "select count(*), min(received_at) from ratings where id > ?", (watermark,)
        ).fetchone()
    return count, oldest
