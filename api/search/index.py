"""The search index of the build being served, opened once per build (api.per_build).

The build writes it beside its file (warehouse.search_index: one segment, documents in a
fixed order, each type a contiguous range). Here it is opened read-only with the arrays the
ranking reads per candidate: `fame[ord]` and the type of an ordinal, and the display fields
of every document (the build's `documents.msgpack`, ~25 MB for the full data), so ranking a
hundred candidates and showing twenty reads no stored field (10 us each).
"""

from __future__ import annotations

import json
from bisect import bisect_right
from dataclasses import dataclass
from operator import itemgetter
from typing import TYPE_CHECKING, Any

import msgspec
import numpy as np

from api.per_build import PerBuild
from api.problems import NotBuilt
from warehouse.search_index import DOCUMENTS_FILE, FORMAT, META_FILE, index_dir

if TYPE_CHECKING:
    import tantivy

    from api.db import BuildHandle, Warehouse


@dataclass(frozen=True)
class SearchIndex:
    searcher: tantivy.Searcher
    schema: tantivy.Schema
    #: How known each document is, 0-1 within its type (the `fame` column), by ordinal.
    fame: np.ndarray
    #: (type, first ordinal) of each type, in index order.
    starts: tuple[tuple[str, int], ...]
    #: The display fields of each document (a row of its api.search_* relation), by ordinal.
    payloads: list[dict[str, Any]]

    def kind(self, ordinal: int) -> str:
        """The type of the document at `ordinal`."""
        return self.starts[bisect_right(self.starts, ordinal, key=itemgetter(1)) - 1][0]

    def payload(self, ordinal: int) -> dict[str, Any]:
        return self.payloads[ordinal]


def open_index(warehouse: Warehouse, handle: BuildHandle) -> SearchIndex:
    """The index of `handle`'s build; 503 problem details if that build has none."""
    import tantivy

    directory = index_dir(handle.target)
    try:
        meta = json.loads((directory / META_FILE).read_text())
        documents = msgspec.msgpack.decode((directory / DOCUMENTS_FILE).read_bytes())
        fame = np.asarray(documents["fame"], dtype=np.float32)
    except (OSError, ValueError, KeyError, msgspec.DecodeError):
        raise NotBuilt("search index", "it was built before builds carried one") from None
    if meta.get("format") != FORMAT:
        raise NotBuilt("search index", "its index is of another format")
    index = tantivy.Index.open(str(directory))
    searcher = index.searcher()
    total = sum(meta["documents"].values())
    payloads = documents["payloads"]
    segments = min(1, total)  # an empty catalogue has no segment
    if searcher.num_segments != segments or searcher.num_docs != total or len(fame) != total:
        raise NotBuilt("intact search index", "its index does not match the build")
    starts, first = [], 0
    for kind, count in meta["documents"].items():
        starts.append((kind, first))
        first += count
    return SearchIndex(
        searcher=searcher,
        schema=index.schema,
        fame=fame,
        starts=tuple(starts),
        payloads=payloads,
    )


SEARCH_INDEX: PerBuild[SearchIndex] = PerBuild(open_index)
