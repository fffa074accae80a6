"""Search answers: text relevance from Tantivy, blended with how known each item is.

Tantivy scores the text (api.search.queries). The hundred best text matches are then ranked
by `relevance * (FAME_FLOOR + (1 - FAME_FLOOR) * fame)`, where relevance is the text score
over the best one (1 = as good a text match as any; a name the text spells whole is 1, so
that two films called *Oldboy* are told apart by fame, not by BM25's length normalisation of
the one whose Korean original title makes its name longer) and `fame` how known the item is within
its type (ln of the votes for films, of their films' votes for the others, 0 to 1):
among equal matches the known item comes first (*The Dark Knight* of 2008 before the one of
2011), while a much better match is never buried under a famous weak one (`star wars` gives
the 1977 film, not *The Force Awakens*). Matches beyond the hundred follow in text order
with the same formula for their score. Ties go to the type order (film, person, company,
collection), then the id, so every page of a query comes from one list.
"""

from __future__ import annotations

from typing import Any

import msgspec

from api import lookup
from api.db import Warehouse
from api.problems import InvalidArgument, NotBuilt
from api.search import queries
from api.search.index import SEARCH_INDEX, SearchIndex
from api.search.schemas import (
    AnyHit,
    AnyHits,
    CollectionHit,
    CollectionHits,
    CompanyHit,
    CompanyHits,
    MovieHit,
    MovieHits,
    PersonHit,
    PersonHits,
)
from warehouse.search_index import tokens

#: Longest accepted text, in characters, and the words of it that count (the first ones).
MAX_QUERY_CHARS = 200
MAX_QUERY_WORDS = 16
#: Candidates ranked by the blend (the rest follow in text order).
RERANKED = 100
#: Weight a text match keeps for the least known item (1 for the most known).
FAME_FLOOR = 0.4
#: Deepest item a page may reach (offset + limit).
MAX_DEPTH = 10_000


def query_words(q: str) -> list[str]:
    """The normalised words of `q` (none for `!!!`: nothing to search for, nothing found);
    only the first MAX_QUERY_WORDS count; 400 problem details for an empty, blank or
    over-long text."""
    if len(q) > MAX_QUERY_CHARS:
        raise InvalidArgument(f"q is longer than {MAX_QUERY_CHARS} characters.")
    lookup.clean_argument(q, "q")  # empty, blank, control characters: 400
    return tokens(q)[:MAX_QUERY_WORDS]


def ranked(
    index: SearchIndex, words: list[str], kind: str | None, year: int | None, depth: int
) -> tuple[int, list[tuple[float, int]]]:
    """(number of matches, [(score, ordinal)] of the first `depth` in ranking order)."""
    # Every word, one typo in each unknown word; then two in long unknown words; then typos
    # in known words too (a misspelling that is a word elsewhere); then any word.
    size = max(depth, RERANKED)
    every_word, any_word = queries.text_queries(index, words, kind, year, most_typos=1)
    result = index.searcher.search(every_word, size, count=True)
    if not result.hits and queries.needs_two_typos(index, words):
        every_word, any_word = queries.text_queries(index, words, kind, year, most_typos=2)
        result = index.searcher.search(every_word, size, count=True)
    if not result.hits and len(words) > 1:
        every_word, _ = queries.text_queries(index, words, kind, year, known_words_too=True)
        result = index.searcher.search(every_word, size, count=True)
    if not result.hits and len(words) > 1:
        result = index.searcher.search(any_word, size, count=True)
    hits = result.hits
    if not hits:
        return result.count or 0, []
    best = hits[0][0] or 1.0
    whole = index.searcher.search(queries.whole_name_query(index, words), RERANKED, count=False)
    whole_names = {address.doc for _score, address in whole.hits}
    fame = index.fame
    floor, rise = FAME_FLOOR, 1.0 - FAME_FLOOR
    scored = []
    for position, (score, address) in enumerate(hits):
        ordinal = address.doc
        relevance = 1.0 if ordinal in whole_names else score / best
        blended = relevance * (floor + rise * float(fame[ordinal]))
        # The first RERANKED by the blend, the rest after them in text order.
        group = 0 if position < RERANKED else 1
        scored.append((group, -blended, ordinal))
    scored.sort()
    return result.count or 0, [(-negative, ordinal) for _, negative, ordinal in scored[:depth]]


def _page(
    warehouse: Warehouse, q: str, kind: str | None, year: int | None, limit: int, offset: int
) -> tuple[SearchIndex, int, list[tuple[float, int]]]:
    if offset + limit > MAX_DEPTH:
        raise InvalidArgument(f"offset + limit may not exceed {MAX_DEPTH}.")
    words = query_words(q)
    index = SEARCH_INDEX.get(warehouse)
    if not words:
        return index, 0, []
    total, hits = ranked(index, words, kind, year, offset + limit)
    return index, total, hits[offset:]


#: The answer of each one-type route: its hit Struct and its page Struct.
PAGES: dict[str, tuple[type[Any], type[Any]]] = {
    "movie": (MovieHit, MovieHits),
    "person": (PersonHit, PersonHits),
    "company": (CompanyHit, CompanyHits),
    "collection": (CollectionHit, CollectionHits),
}


def search_one_type(
    warehouse: Warehouse, kind: str, q: str, limit: int, offset: int, year: int | None = None
) -> Any:
    """A page of `/search/<kind>`: hits of one type, their fields from `api.search_<kind>`."""
    hit_type, page_type = PAGES[kind]
    index, total, hits = _page(warehouse, q, kind, year, limit, offset)
    items = [hit_type(**index.payload(o), score=round(score, 4)) for score, o in hits]
    return page_type(query=q, total=total, limit=limit, offset=offset, items=items)


def search_movies(
    warehouse: Warehouse, q: str, year: int | None, limit: int, offset: int
) -> MovieHits:
    return search_one_type(warehouse, "movie", q, limit, offset, year)


def search_people(warehouse: Warehouse, q: str, limit: int, offset: int) -> PersonHits:
    return search_one_type(warehouse, "person", q, limit, offset)


def search_companies(warehouse: Warehouse, q: str, limit: int, offset: int) -> CompanyHits:
    return search_one_type(warehouse, "company", q, limit, offset)


def search_collections(warehouse: Warehouse, q: str, limit: int, offset: int) -> CollectionHits:
    return search_one_type(warehouse, "collection", q, limit, offset)


def search_all(warehouse: Warehouse, q: str, limit: int, offset: int) -> AnyHits:
    """One ranked list over films, people, companies and collections."""
    index, total, hits = _page(warehouse, q, None, None, limit, offset)
    items = []
    for score, ordinal in hits:
        kind = index.kind(ordinal)
        row = index.payload(ordinal)
        items.append(
            AnyHit(
                type=kind,  # type: ignore[arg-type]
                id=row[f"{kind}_id"],
                name=row.get("title", row.get("name")),
                year=row.get("release_year"),
                score=round(score, 4),
            )
        )
    return AnyHits(query=q, total=total, limit=limit, offset=offset, items=items)


# -- the name routes meet search ------------------------------------------------------------


class Labelled(msgspec.Struct):
    """A row of `SuggestionSource.labels_sql()`."""

    key: str
    label: str


def _index_if_built(warehouse: Warehouse) -> SearchIndex | None:
    """The served build's index, or None for a build without one: the name routes then
    answer as before search existed (exact keys, Jaro-Winkler suggestions), never 503."""
    try:
        return SEARCH_INDEX.get(warehouse)
    except NotBuilt:
        return None


def _name(payload: dict[str, Any]) -> str | None:
    return payload.get("title", payload.get("name"))


def answered_by(
    warehouse: Warehouse, source: lookup.SuggestionSource, names: list[str]
) -> list[str]:
    """The labels under which `source`'s view answers `names` (by name key), in their order."""
    keys = list(dict.fromkeys(lookup.name_key(name) for name in names))
    if not keys:
        return []
    rows = warehouse.fetch_structs(source.labels_sql(), {"keys": keys}, Labelled)
    labels = {row.key: row.label for row in rows}
    return list(dict.fromkeys(labels[key] for key in keys if key in labels))


def respellings(
    warehouse: Warehouse, text: str, kind: str, source: lookup.SuggestionSource
) -> list[str]:
    """Names of `kind` that `text` spells whole once punctuation is ignored (`warner bros` ->
    `Warner Bros.`), most known first, as `source`'s view labels them: a name route tries them
    before answering 404."""
    words = tokens(text)
    index = _index_if_built(warehouse)
    if not words or len(words) > MAX_QUERY_WORDS or index is None:
        return []
    query = queries.whole_name_query(index, words)
    hits = index.searcher.search(query, RERANKED, count=False).hits
    ordinals = sorted(
        (address.doc for _score, address in hits if index.kind(address.doc) == kind),
        key=lambda ordinal: -float(index.fame[ordinal]),
    )
    names = [name for ordinal in ordinals if (name := _name(index.payload(ordinal)))]
    return answered_by(warehouse, source, names)


def suggestions(
    warehouse: Warehouse, text: str, key: str, kind: str, source: lookup.SuggestionSource
) -> list[str]:
    """Up to MAX_SUGGESTIONS names for a 404: the best search hits of `kind` that the route
    answers (a surname, part of a name, a typo: `dicaprio` -> Leonardo DiCaprio), then the
    closest name keys (Jaro-Winkler, api.lookup.suggest)."""
    found: list[str] = []
    words = tokens(text)
    index = _index_if_built(warehouse) if words and len(words) <= MAX_QUERY_WORDS else None
    if index is not None:
        _total, hits = ranked(index, words, kind, None, 3 * lookup.MAX_SUGGESTIONS)
        names = [name for _score, ordinal in hits if (name := _name(index.payload(ordinal)))]
        found = answered_by(warehouse, source, names)
    for label in lookup.suggest(warehouse, source, key):
        if label not in found:
            found.append(label)
    return found[: lookup.MAX_SUGGESTIONS]
