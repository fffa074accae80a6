"""The build's document store: the ready-to-send bodies of the per-key routes, beside the build.

Builds never change, so the answer of `GET /movies/{id}`, `/people/{id}`,
`/movies/{id}/similar` and `/users/{id}/recommendations` (their default parameters) is a
function of the build and the key alone. dbt writes each as JSON text in a view of the new
build (`api.movie_documents`, … in dbt_project/models/api/documents: what a body holds is SQL);
this module copies them into files the API reads without running a statement:

    build/builds/warehouse-<stamp>.duckdb            the build
    build/builds/warehouse-<stamp>.documents/        its document store
        meta.json                                    format, and per kind: count, bytes
        <kind>.keys.npy                              int64 keys, ascending
        <kind>.offsets.npy                           int64, one more than keys: body i is
                                                     bytes offsets[i]:offsets[i+1] of
        <kind>.json                                  the bodies, one after another
        <kind>.digests.npy                           each body's digest (its ETag's second
                                                     half, api.etags), so no request hashes

Each body is re-encoded here by msgspec (decoded, then encoded in the same key order), the
encoder the API's routes use: DuckDB's `to_json` writes some numbers differently (`1e16` as
`10000000000000000.0`), and a stored body must be the bytes the route would send. A body that
is not JSON (DuckDB writes `NaN`) fails the build, as does a count that differs from the view's.

Why files and not a table: a lookup is a binary search in the keys and one `pread` of the
body, about 2 µs without the GIL held for long, where a DuckDB point query costs 100-300 µs
of a worker thread (bench/documents.py measures the options). The store is written before the
publish gate and goes with its build (pruned, rolled back, removed as a leftover), like the
search index. Imports only the standard library and numpy at import time.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import duckdb

SUFFIX = ".documents"
META_FILE = "meta.json"
FORMAT = 1
#: Rows read from DuckDB at a time while writing.
BATCH = 10_000

#: kind -> (view of the build, key column). A kind whose view the build lacks (a build made
#: with --skip-recommenders has no similar films or recommendations) is left out; the API
#: answers its routes from SQL then.
KINDS = {
    "movie": ("api.movie_documents", "movie_id"),
    "person": ("api.person_documents", "person_id"),
    "similar_films": ("api.film_similar_documents", "movie_id"),
    "user_recommendations": ("api.user_recommendation_documents", "user_id"),
}


def store_dir(build_file: Path | str) -> Path:
    """The document store of `build_file` (`…/warehouse-<stamp>.duckdb`)."""
    build_file = Path(build_file)
    return build_file.with_name(build_file.stem + SUFFIX)


def body_digest(body: bytes) -> str:
    """The digest of an answer's body in its ETag (api.etags.entity_tag): 24 hex digits of
    BLAKE2b. Stored per body here, computed per answer for the other routes."""
    return hashlib.blake2b(body, digest_size=12).hexdigest()


def kind_files(directory: Path, kind: str) -> tuple[Path, Path, Path, Path]:
    """(keys, offsets, bodies, digests) of one kind."""
    return (
        directory / f"{kind}.keys.npy",
        directory / f"{kind}.offsets.npy",
        directory / f"{kind}.json",
        directory / f"{kind}.digests.npy",
    )


def remove_orphan_stores(directory: Path) -> list[Path]:
    """Delete document stores whose build file is gone, and stores a build killed outright
    left half-written; return them."""
    removed = []
    for partial in directory.glob(f"*{SUFFIX}.partial"):
        shutil.rmtree(partial, ignore_errors=True)
        removed.append(partial)
    for store in directory.glob(f"*{SUFFIX}"):
        if not store.with_name(store.name.removesuffix(SUFFIX) + ".duckdb").exists():
            shutil.rmtree(store, ignore_errors=True)
            removed.append(store)
    return removed


@dataclass(frozen=True)
class StoreStats:
    counts: dict[str, int]
    megabytes: float
    seconds: float

    def describe(self) -> str:
        return (
            f"{sum(self.counts.values()):,} ready answers of {len(self.counts)} routes "
            f"({self.megabytes:.0f} MB) in {self.seconds:.1f} s"
        )


def _present(con: duckdb.DuckDBPyConnection) -> dict[str, tuple[str, str]]:
    names = {
        f"{schema}.{name}"
        for schema, name in con.execute(
            "select table_schema, table_name from information_schema.tables"
        ).fetchall()
    }
    return {kind: spec for kind, spec in KINDS.items() if spec[0] in names}


def _write_kind(
    con: duckdb.DuckDBPyConnection, relation: str, key: str, files: tuple[Path, ...]
) -> tuple[int, int]:
    """Write one kind's files; (count, bytes of bodies)."""
    import msgspec
    import numpy as np

    decode, encode = msgspec.json.decode, msgspec.json.encode
    keys: list[int] = []
    offsets = [0]
    digests: list[str] = []
    keys_file, offsets_file, bodies_file, digests_file = files
    # The statement is made of constants of this module (KINDS), never of input.
    cursor = con.execute(f"select {key}, document from {relation} order by {key}")
    with bodies_file.open("wb") as bodies:
        while rows := cursor.fetchmany(BATCH):
            for row_key, document in rows:
                try:
                    body = encode(decode(document))
                except msgspec.DecodeError as exc:
                    raise ValueError(f"{relation} {key} {row_key}: not JSON ({exc})") from None
                bodies.write(body)
                digests.append(body_digest(body))
                keys.append(row_key)
                offsets.append(offsets[-1] + len(body))
    key_array = np.asarray(keys, dtype=np.int64)
    if len(key_array) > 1 and not bool(np.all(key_array[1:] > key_array[:-1])):
        raise ValueError(f"{relation}: keys are not unique")
    (expected,) = con.execute(f"select count(*) from {relation}").fetchone() or (0,)
    if expected != len(keys):
        raise ValueError(f"{relation}: {len(keys)} bodies written, the view has {expected}")
    np.save(keys_file, key_array)
    np.save(offsets_file, np.asarray(offsets, dtype=np.int64))
    np.save(digests_file, np.asarray(digests, dtype="S24"))
    return len(keys), offsets[-1]


def build_document_store(con: duckdb.DuckDBPyConnection, directory: Path) -> StoreStats:
    """Write the store of the build `con` is connected to into `directory` (replaced
    whole: written under a temporary name, then renamed)."""
    import time

    started = time.perf_counter()
    partial = directory.with_name(directory.name + ".partial")
    shutil.rmtree(partial, ignore_errors=True)
    partial.mkdir(parents=True)
    counts: dict[str, int] = {}
    total = 0
    meta: dict[str, object] = {"format": FORMAT, "kinds": {}}
    try:
        for kind, (relation, key) in _present(con).items():
            count, size = _write_kind(con, relation, key, kind_files(partial, kind))
            counts[kind] = count
            total += size
            meta["kinds"][kind] = {"relation": relation, "count": count, "bytes": size}  # type: ignore[index]
        (partial / META_FILE).write_text(json.dumps(meta, indent=2) + "\n")
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise
    shutil.rmtree(directory, ignore_errors=True)
    partial.rename(directory)
    return StoreStats(counts, total / 1e6, time.perf_counter() - started)


def write_document_store(build_file: Path) -> StoreStats:
    """Write the store of `build_file` (a finished, not yet published build) beside it.
    Raises BuildFailed naming the cause: a build without its store is not published."""
    from warehouse.failures import written_beside

    return written_beside(build_file, store_dir(build_file), "document store", build_document_store)
