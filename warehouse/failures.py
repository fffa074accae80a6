"""Why a build failed, in the user's terms, in one paragraph without a traceback.

dbt reports a failure as "Runtime Error in model stg_movies__keywords … and 695 more": true,
but the cause a person can act on (the disk is full, a file is not UTF-8, a record is longer
than the reader allows, a file is empty) is buried in the node's message or in a traceback.
`explain` looks for the known causes in what dbt reported and names them first; the node list
follows, and the full detail stays in the build's log file, whose path the caller names.
"""

from __future__ import annotations

import errno
import re
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from warehouse.raw import RawInput

T = TypeVar("T")

#: (pattern in a failure message, what it means); the first match names the cause.
KNOWN_CAUSES: list[tuple[re.Pattern[str], str]] = [
    (
        re.compile(r"no space left on device|disk is full|could not write", re.I),
        "disk full: no space left on the device holding {where} ({free} free)",
    ),
    (
        re.compile(r"invalid unicode|not (?:valid )?utf-?8|byte sequence mismatch", re.I),
        "a raw file is not UTF-8 encoded{file}",
    ),
    (
        re.compile(r"maximum line size|max_line_size", re.I),
        "a record of a raw file{file} is longer than the reader's max_line_size (64 MiB)",
    ),
    (
        re.compile(r"out of memory|memory limit", re.I),
        "out of memory while building (DuckDB's memory limit was reached)",
    ),
]

#: Which raw file a node reads, from its name: base/stg models are named after the source.
SOURCE_OF_NODE = {
    "movies__movies": "movies", "movies__credits": "credits", "movies__keywords": "keywords",
    "movies__links": "links", "movies__ratings": "ratings",
    "streaming__title_scores": "title_scores",
}  # fmt: skip


def log_path(live_path: Path, build_file: Path) -> Path:
    """Where dbt's full log of the build `build_file` is kept."""
    return live_path.parent / "logs" / f"build-{build_file.stem.rsplit('-', 1)[-1]}.log"


def _file_named(messages: list[str], raw: RawInput) -> str:
    for message in messages:
        for path in raw.files.values():
            if str(path) in message or path.name in message:
                return f" ({path})"
        for fragment, source in SOURCE_OF_NODE.items():
            if fragment in message and source in raw.files:
                return f" ({raw.files[source]})"
    return ""


def _free(directory: Path) -> str:
    try:
        return f"{shutil.disk_usage(directory).free / 2**20:,.0f} MiB"
    except OSError:
        return "unknown"


def explain(
    command: str,
    failures: list[str],
    details: list[str],
    exception: BaseException | None,
    database: Path,
    raw: RawInput,
) -> str:
    """One paragraph: the cause when it is a known one, then the failing nodes (`failures`:
    one line each; `details`: their whole messages, searched for the cause)."""
    messages = [*failures, *details, *([str(exception)] if exception else [])]
    nodes = "; ".join(failures[:3]) + (
        f"; and {len(failures) - 3} more" if len(failures) > 3 else ""
    )
    for pattern, meaning in KNOWN_CAUSES:
        if any(pattern.search(m) for m in messages):
            cause = meaning.format(
                where=database.parent, free=_free(database.parent), file=_file_named(messages, raw)
            )
            return f"dbt {command} failed: {cause}" + (f" (in {nodes})" if nodes else "")
    return f"dbt {command} failed: {nodes or (str(exception) or 'no failing node reported')}"


def explain_error(exc: BaseException, build_file: Path) -> str:
    """The message of an error raised outside dbt (the gate, the swap) in the same terms."""
    if (isinstance(exc, OSError) and exc.errno == errno.ENOSPC) or "No space left" in str(exc):
        where = build_file.parent
        return f"disk full: no space left on the device holding {where} ({_free(where)} free)"
    if isinstance(exc, OSError):
        return f"{exc.strerror or exc} ({exc.filename or build_file.parent})"
    return str(exc).rstrip(".")


def written_beside(build_file: Path, directory: Path, what: str, write: Callable[..., T]) -> T:
    """`write(con, directory)` on a read-only connection to `build_file` (a finished, not yet
    published build): what the build writes beside its file (the search index, the document
    store). Any failure removes `directory` and raises BuildFailed naming `what` and the
    cause in one paragraph: a build without it is not published."""
    import duckdb

    from warehouse.build import BuildFailed

    try:
        with duckdb.connect(str(build_file), read_only=True) as con:
            return write(con, directory)
    except Exception as exc:  # any failure fails the build, in one paragraph
        shutil.rmtree(directory, ignore_errors=True)
        reason = f"{type(exc).__name__}: {exc}".rstrip(".")
        raise BuildFailed(f"the build's {what} could not be written ({reason})") from exc
