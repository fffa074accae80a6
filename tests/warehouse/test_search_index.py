"""The build's search index (warehouse/search_index.py): text normalisation, the written
index, its checks, and its place in the build lifecycle (written beside the build file,
removed with it, orphans removed as leftovers)."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import msgspec
import pytest
import tantivy

from warehouse.search_index import (
    DOCUMENTS_FILE,
    META_FILE,
    build_search_index,
    index_dir,
    joined_pairs,
    normalize,
    remove_orphan_indexes,
    tokens,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Amélie", "amelie"),
        ("WALL·E", "wall e"),
        ("Warner Bros.", "warner bros"),
        ("Le Fabuleux Destin d'Amélie Poulain", "le fabuleux destin d amelie poulain"),
        ("  Spider-Man: No   Way ", "spider man no way"),
        ("Pedro Almodóvar", "pedro almodovar"),
        ("千と千尋の神隠し", "千と千尋の神隠し"),
        ("!!!", ""),
    ],
)
def test_normalize(text, expected):
    assert normalize(text) == expected
    assert tokens(text) == expected.split()


def test_joined_pairs():
    assert joined_pairs(["wall", "e"]) == ["walle"]
    assert joined_pairs(["spider", "man", "3"]) == ["spiderman", "man3"]
    assert joined_pairs(["heat"]) == []


def tiny_build(path: Path) -> None:
    with duckdb.connect(str(path)) as con:
        con.execute("create schema api")
        con.execute(
            "create table api.search_movies as select * from (values "
            "(2, 'WALL·E', 'WALL·E', 2008, 16.1, 6439, 7.8, 0.9), "
            "(1, 'Amélie', 'Le fabuleux destin d''Amélie Poulain', 2001, 12.9, 3403, 7.8, 0.8)"
            ") as t(movie_id, title, original_title, release_year, popularity, vote_count, "
            "vote_average, fame)"
        )
        con.execute(
            "create table api.search_people as select * from (values "
            "(7, 'Pedro Almodóvar', ['Volver'], 20, 0.7)) "
            "as t(person_id, name, known_for, films, fame)"
        )
        con.execute(
            "create table api.search_companies as select * from (values "
            "(6194, 'Warner Bros.', 1250, 1.0)) as t(company_id, name, films, fame)"
        )
        con.execute(
            "create table api.search_collections as select 10 as collection_id, "
            "'Star Wars Collection' as name, 8 as films, 1.0 as fame"
        )


def test_the_index_holds_every_document_in_order(tmp_path):
    build = tmp_path / "warehouse-1.duckdb"
    tiny_build(build)
    with duckdb.connect(str(build), read_only=True) as con:
        stats = build_search_index(con, index_dir(build))
    assert stats.documents == {"movie": 2, "person": 1, "company": 1, "collection": 1}
    directory = index_dir(build)
    assert directory == tmp_path / "warehouse-1.search"
    meta = json.loads((directory / META_FILE).read_text())
    assert meta["documents"] == stats.documents and meta["bytes"] == stats.bytes > 0
    documents = msgspec.msgpack.decode((directory / DOCUMENTS_FILE).read_bytes())
    # Films by id, then people, companies, collections: ordinal = position.
    assert [p.get("movie_id") for p in documents["payloads"][:2]] == [1, 2]
    assert documents["payloads"][2]["known_for"] == ["Volver"]
    assert documents["fame"] == [0.8, 0.9, 0.7, 1.0, 1.0]
    index = tantivy.Index.open(str(directory))
    searcher = index.searcher()
    assert searcher.num_segments == 1 and searcher.num_docs == 5

    def ordinals(field: str, text: str) -> list[int]:
        query = tantivy.Query.term_query(index.schema, field, text)
        return sorted(address.doc for _score, address in searcher.search(query, 10).hits)

    assert ordinals("name", "amelie") == [0]
    assert ordinals("name", "poulain") == [0]  # the original title is searchable
    assert ordinals("joined", "walle") == [1]
    assert ordinals("exact", "warner bros") == [3]
    assert ordinals("exact", "le fabuleux destin d amelie poulain") == [0]
    assert ordinals("type", "person") == [2]


def test_orphan_indexes_are_removed(tmp_path):
    kept = tmp_path / "warehouse-1.duckdb"
    kept.touch()
    index_dir(kept).mkdir()
    orphan = tmp_path / "warehouse-2.search"
    orphan.mkdir()
    (orphan / "x").write_text("left by a killed build")
    assert remove_orphan_indexes(tmp_path) == [orphan]
    assert index_dir(kept).is_dir() and not orphan.exists()


def test_an_empty_catalogue_gets_an_empty_index(tmp_path):
    build = tmp_path / "warehouse-1.duckdb"
    tiny_build(build)
    with duckdb.connect(str(build)) as con:
        for relation in ("movies", "people", "companies", "collections"):
            con.execute(f"delete from api.search_{relation}")
    with duckdb.connect(str(build), read_only=True) as con:
        stats = build_search_index(con, index_dir(build))
    assert sum(stats.documents.values()) == 0
    assert tantivy.Index.open(str(index_dir(build))).searcher().num_docs == 0
