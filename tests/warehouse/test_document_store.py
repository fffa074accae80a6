"""The build's document store writer (warehouse/document_store.py) on small hand-made builds:
keys in order, bodies re-encoded the API's way with their digests, kinds the build lacks left
out, and a body that is no JSON or a key given twice fails the build with nothing left behind.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import msgspec
import numpy as np
import pytest

from warehouse.build import BuildFailed
from warehouse.document_store import (
    META_FILE,
    body_digest,
    kind_files,
    remove_orphan_stores,
    store_dir,
    write_document_store,
)


def _build(tmp_path: Path, movies: list[tuple[int, str]]) -> Path:
    """A build file with `api.movie_documents` (and nothing of the other kinds)."""
    build = tmp_path / "warehouse-20260101T000000Z.duckdb"
    with duckdb.connect(str(build)) as con:
        con.execute("create schema api")
        con.execute("create table api.movie_documents (movie_id bigint, document varchar)")
        con.executemany("insert into api.movie_documents values (?, ?)", movies)
    return build


def test_keys_bodies_and_digests(tmp_path):
    build = _build(
        tmp_path,
        [
            (862, '{"movie_id":862,"budget":10000000000000000.0,"title":"Toy Story"}'),
            (12, '{"movie_id":12,"title":"Finding \\u004eemo","return":0.00001}'),
        ],
    )
    stats = write_document_store(build)
    assert stats.counts == {"movie": 2}
    keys_file, offsets_file, bodies_file, digests_file = kind_files(store_dir(build), "movie")
    keys, offsets = np.load(keys_file), np.load(offsets_file)
    assert keys.tolist() == [12, 862]
    blob = bodies_file.read_bytes()
    bodies = [blob[offsets[i] : offsets[i + 1]] for i in range(len(keys))]
    # msgspec's encoding, key order kept: `1e16`, `1e-05`, no needless escapes
    assert bodies == [
        msgspec.json.encode({"movie_id": 12, "title": "Finding Nemo", "return": 0.00001}),
        msgspec.json.encode({"movie_id": 862, "budget": 1e16, "title": "Toy Story"}),
    ]
    assert bodies[1] == b'{"movie_id":862,"budget":1e16,"title":"Toy Story"}'
    assert [d.decode() for d in np.load(digests_file)] == [body_digest(b) for b in bodies]
    assert (store_dir(build) / META_FILE).is_file()


@pytest.mark.parametrize(
    ("rows", "cause"),
    [
        ([(1, '{"return":NaN}')], "not JSON"),
        ([(1, '{"a":1}'), (1, '{"a":2}')], "not unique"),
    ],
)
def test_a_bad_store_fails_the_build_and_leaves_nothing(tmp_path, rows, cause):
    build = _build(tmp_path, rows)
    with pytest.raises(BuildFailed, match=f"document store could not be written.*{cause}"):
        write_document_store(build)
    assert not store_dir(build).exists()
    assert not list(tmp_path.glob("*.partial"))


def test_orphans_and_half_written_stores_are_removed(tmp_path):
    build = _build(tmp_path, [(1, "{}")])
    write_document_store(build)
    orphan = tmp_path / "warehouse-20250101T000000Z.documents"
    orphan.mkdir()
    partial = tmp_path / "warehouse-20260101T000000Z.documents.partial"
    partial.mkdir()
    assert set(remove_orphan_stores(tmp_path)) == {orphan, partial}
    assert store_dir(build).is_dir()
