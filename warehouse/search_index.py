"""The build's search index: a Tantivy index of films, people, companies and collections.

The documents are the rows of `api.search_movies`, `api.search_people`, `api.search_companies`
and `api.search_collections` (dbt models: what is searchable, its display fields and its
`fame` are SQL). This module only turns them into an index, because SQL cannot rank text:
Tantivy (Rust, BM25, Levenshtein automata) does, in process, without a server.

`warehouse.build` writes the index beside the build file, before the publish gate, and it
goes with the build (pruned, rolled back, removed as a leftover):

    build/builds/warehouse-<stamp>.duckdb        the build
    build/builds/warehouse-<stamp>.search/       its search index (the API's /search routes)

Text is normalised here, in one function used for documents and queries alike (`tokens`):
lower case, accents and every other combining mark dropped, anything not a letter or digit
a separator, so `Amélie`, `WALL·E` and `Warner Bros.` become `amelie`, `wall e`,
`warner bros`. Each name is indexed three ways: its words (`name`), adjacent words joined
(`joined`: `walle`, `spiderman`) and the whole normalised name as one term (`exact`). A
film's original title, where it differs, is a second value of the same three fields: a field
of its own would be mostly empty, and BM25's length normalisation against that near-zero
average length buried every original-title match.

The index is written in one segment with the documents in a fixed order, and every document
stores its ordinal: the API keeps the fame and type of each document in arrays indexed by the
document's address, and the display fields of each document in a list beside the index
(`documents.msgpack`), so neither ranking a candidate nor showing it reads a stored field.
`build_search_index` checks that order before the build can be published; the API
(api/search/index.py) checks the counts again when it opens the index.
Imports only the standard library at import time (the API imports it; Tantivy loads lazily).
"""

from __future__ import annotations

import itertools
import json
import shutil
import time
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import duckdb
    import tantivy

#: The document types, in index order, and the relation each is read from.
SOURCES = {
    "movie": (
        "api.search_movies",
        "movie_id",
        "title",
        "original_title",
        "release_year",
        ("movie_id", "title", "original_title", "release_year", "popularity", "vote_count",
         "vote_average"),
    ),
    "person": (
        "api.search_people", "person_id", "name", None, None,
        ("person_id", "name", "known_for", "films"),
    ),
    "company": (
        "api.search_companies", "company_id", "name", None, None,
        ("company_id", "name", "films"),
    ),
    "collection": (
        "api.search_collections", "collection_id", "name", None, None,
        ("collection_id", "name", "films"),
    ),
}  # fmt: skip

PLURALS = {
    "movie": "films",
    "person": "people",
    "company": "companies",
    "collection": "collections",
}

#: Suffix that replaces `.duckdb` in the build file's name.
SUFFIX = ".search"
#: Index format, bumped when the schema changes (the API refuses another).
FORMAT = 1
#: What the build writes beside the index: counts and timings (the build summary shows them).
META_FILE = "search-meta.json"
#: Each document's fame and display fields by ordinal (msgpack): the API holds them in
#: memory, a stored-field read per result item would cost 10 us each.
DOCUMENTS_FILE = "documents.msgpack"

_MARKS = frozenset(("Mn", "Mc", "Me"))


def normalize(text: str) -> str:
    """`text` lower-cased, without combining marks, every run of anything that is not a
    letter or digit one space. `Le Fabuleux Destin d'Amélie` -> `le fabuleux destin d amelie`."""
    folded = unicodedata.normalize("NFKD", text.lower())
    out = []
    for ch in folded:
        if unicodedata.category(ch) in _MARKS:
            continue
        out.append(ch if ch.isalnum() else " ")
    return " ".join("".join(out).split())


def tokens(text: str) -> list[str]:
    """The words of `text` as the index holds them."""
    return normalize(text).split()


def joined_pairs(words: list[str]) -> list[str]:
    """Each two adjacent words written as one (`wall e` -> `walle`): a name spelled with or
    without its hyphen, dot or space meets the other spelling."""
    return [a + b for a, b in itertools.pairwise(words)]


def index_dir(build_file: Path | str) -> Path:
    """The search index directory of `build_file` (`…/warehouse-<stamp>.duckdb`)."""
    build_file = Path(build_file)
    return build_file.with_name(build_file.stem + SUFFIX)


def remove_orphan_indexes(directory: Path) -> list[Path]:
    """Delete index directories whose build file is gone; return them."""
    removed = []
    for index in directory.glob(f"*{SUFFIX}"):
        if not index.with_name(index.name.removesuffix(SUFFIX) + ".duckdb").exists():
            shutil.rmtree(index, ignore_errors=True)
            removed.append(index)
    return removed


def schema() -> tantivy.Schema:
    """The fields of a document. Text fields use Tantivy's `default` tokenizer (split on
    anything not alphanumeric, lower case) over text `normalize` already folded."""
    import tantivy

    builder = tantivy.SchemaBuilder()
    builder.add_unsigned_field("ord", stored=True)
    builder.add_text_field("type", tokenizer_name="raw", index_option="basic")
    builder.add_integer_field("year", indexed=True, fast=True)
    builder.add_text_field("name", index_option="position")
    builder.add_text_field("joined", index_option="freq")
    builder.add_text_field("exact", tokenizer_name="raw", index_option="basic")
    return builder.build()


@dataclass(frozen=True)
class IndexStats:
    documents: dict[str, int]
    seconds: float
    bytes: int

    def describe(self) -> str:
        counts = ", ".join(f"{n:,} {PLURALS[kind]}" for kind, n in self.documents.items())
        return f"{counts}; {self.bytes / 2**20:.1f} MiB in {self.seconds:.1f} s"


def _documents(con: duckdb.DuckDBPyConnection):
    """(type, id, name, alt name, year, fame, payload) of every document, in index order."""
    for kind, (relation, id_column, name_col, alt_col, year_col, fields) in SOURCES.items():
        columns = ", ".join(fields)
        cursor = con.execute(f"select {columns}, fame from {relation} order by {id_column}")
        names = [d[0] for d in cursor.description]
        while batch := cursor.fetchmany(10_000):
            for values in batch:
                row = dict(zip(names, values, strict=True))
                yield (
                    kind,
                    row[id_column],
                    row[name_col] or "",
                    (row[alt_col] or "") if alt_col else "",
                    row[year_col] if year_col else None,
                    row.pop("fame"),
                    row,
                )


def _add_name(doc: tantivy.Document, name: str) -> None:
    words = tokens(name)
    if not words:
        return
    doc.add_text("name", " ".join(words))
    pairs = joined_pairs(words)
    if pairs:
        doc.add_text("joined", " ".join(pairs))
    doc.add_text("exact", " ".join(words))


def build_search_index(con: duckdb.DuckDBPyConnection, directory: Path) -> IndexStats:
    """Write the index of the build `con` reads into `directory` (replaced if present).

    Raises RuntimeError if the written index does not hold every document in order."""
    import msgspec
    import tantivy

    started = time.perf_counter()
    shutil.rmtree(directory, ignore_errors=True)
    directory.mkdir(parents=True)
    index = tantivy.Index(schema(), path=str(directory))
    # One thread and a heap larger than the corpus: one segment, documents in insert order.
    writer = index.writer(heap_size=512 * 2**20, num_threads=1)
    con.execute("set enable_progress_bar = false")
    counts: dict[str, int] = dict.fromkeys(SOURCES, 0)
    fame: list[float] = []
    payloads: list[dict[str, Any]] = []
    for ordinal, (kind, _id, name, alt, year, doc_fame, row) in enumerate(_documents(con)):
        doc = tantivy.Document()
        doc.add_unsigned("ord", ordinal)
        doc.add_text("type", kind)
        if year is not None:
            doc.add_integer("year", int(year))
        _add_name(doc, name)
        if alt and tokens(alt) != tokens(name):
            _add_name(doc, alt)
        writer.add_document(doc)
        counts[kind] += 1
        fame.append(float(doc_fame))
        payloads.append(row)
    writer.commit()
    writer.wait_merging_threads()
    index.reload()
    total = sum(counts.values())
    searcher = index.searcher()
    if searcher.num_segments != min(1, total) or searcher.num_docs != total:
        raise RuntimeError(
            f"the search index holds {searcher.num_docs} documents in {searcher.num_segments} "
            f"segments, expected {total} in one"
        )
    for ordinal in (0, total // 2, total - 1) if total else ():
        stored = searcher.doc(tantivy.DocAddress(0, ordinal))["ord"][0]
        if stored != ordinal:
            raise RuntimeError(f"the search index put document {stored} at {ordinal}")
    seconds = time.perf_counter() - started
    (directory / DOCUMENTS_FILE).write_bytes(
        msgspec.msgpack.encode({"fame": fame, "payloads": payloads})
    )
    size = sum(f.stat().st_size for f in directory.rglob("*") if f.is_file())
    stats = IndexStats(documents=counts, seconds=seconds, bytes=size)
    meta: dict[str, Any] = {
        "format": FORMAT,
        "documents": counts,
        "seconds": round(seconds, 3),
        "bytes": size,
    }
    (directory / META_FILE).write_text(json.dumps(meta))
    return stats


def write_search_index(build_file: Path) -> IndexStats:
    """Write the index of `build_file` (a finished, not yet published build) beside it.
    Raises BuildFailed naming the cause: a build without its index is not published."""
    from warehouse.failures import written_beside

    return written_beside(build_file, index_dir(build_file), "search index", build_search_index)
