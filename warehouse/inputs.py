"""What a build reads besides its raw files' contents: the feedback store's snapshot, and the
fingerprint of every input, both written beside the build file and removed with it.

- `<build>.feedback.parquet`: every row of the feedback store received before the build
  started (`feedback_store.snapshot`: one read transaction, rows with `id <= watermark`),
  written before dbt runs. The dbt source `feedback.ratings` reads this file, never the live
  store, so the build sees one fixed set of ratings however many arrive while it runs, and the
  build stays reproducible from its own files. No store: an empty file with the same columns.
- `<build>.inputs.json`: the raw directory, each raw file's path, size and mtime, and the
  snapshot's watermark. `python -m warehouse watch` compares the live build's fingerprint
  with the files and the store as they are now, to decide whether a new build is due.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from warehouse import feedback_store
from warehouse.raw import RawInput

#: The snapshot's columns (feedback_store.COLUMNS), as the dbt source declares them.
SNAPSHOT_SCHEMA = pa.schema(
    [
        ("feedback_id", pa.int64()),
        ("user_id", pa.int64()),
        ("movie_id", pa.int64()),
        ("rating", pa.float64()),
        ("received_at", pa.string()),
    ]
)
assert tuple(SNAPSHOT_SCHEMA.names) == feedback_store.COLUMNS


def snapshot_path(build_file: Path) -> Path:
    return build_file.with_name(build_file.name + ".feedback.parquet")


def inputs_path(build_file: Path) -> Path:
    return build_file.with_name(build_file.name + ".inputs.json")


@dataclass(frozen=True)
class FeedbackSnapshot:
    store: Path
    file: Path
    watermark: int
    rows: int
    taken_at: str  # ISO 8601, UTC

    def dbt_vars(self) -> dict[str, dict]:
        """The var `feedback_snapshot`: the sources read `path`, api.feedback_snapshot the
        rest."""
        return {
            "feedback_snapshot": {
                "path": str(self.file),
                "watermark": self.watermark,
                "taken_at": self.taken_at,
            }
        }

    def describe(self) -> str:
        if self.rows == 0:
            return "no feedback" if not self.store.is_file() else "feedback store empty"
        return f"{self.rows:,} feedback ratings (ids up to {self.watermark:,})"


def snapshot_feedback(store: Path, file: Path) -> FeedbackSnapshot:
    """Copy every row of the feedback store `store` (none when it does not exist) into the
    parquet file `file`."""
    taken_at = datetime.now(UTC)
    watermark, rows = feedback_store.snapshot(store)
    table = pa.Table.from_pylist([asdict(row) for row in rows], schema=SNAPSHOT_SCHEMA)
    file.parent.mkdir(parents=True, exist_ok=True)
    pq.write_table(table, file)
    return FeedbackSnapshot(
        store=store.expanduser().absolute(),
        file=file,
        watermark=watermark,
        rows=len(rows),
        taken_at=taken_at.replace(tzinfo=None).isoformat(timespec="microseconds"),
    )


def raw_fingerprint(files: dict[str, Path]) -> dict[str, dict]:
    """Per raw source: the file's absolute path, size and modification time (ns)."""
    out = {}
    for name, path in sorted(files.items()):
        stat = path.stat()
        out[name] = {
            "path": str(path.absolute()),
            "bytes": stat.st_size,
            "mtime_ns": stat.st_mtime_ns,
        }
    return out


def write_inputs(build_file: Path, raw: RawInput, snapshot: FeedbackSnapshot) -> Path:
    """Record what the build reads (taken when it starts: a file changed while the build runs
    is seen as changed by the next check)."""
    path = inputs_path(build_file)
    path.write_text(
        json.dumps(
            {
                "raw_dir": str(raw.directory),
                "raw_files": raw_fingerprint(raw.files),
                "feedback": {
                    "store": str(snapshot.store),
                    "watermark": snapshot.watermark,
                    "rows": snapshot.rows,
                    "taken_at": snapshot.taken_at,
                },
            },
            indent=2,
        )
        + "\n"
    )
    return path


def read_inputs(build_file: Path) -> dict | None:
    """A build's recorded inputs; None for a build written before they were recorded."""
    try:
        return json.loads(inputs_path(build_file).read_text())
    except (OSError, ValueError):
        return None
