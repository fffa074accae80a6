"""The Tantivy query a search text becomes (this domain's "statements").

Every word of the text is one clause, required in the first query (a name with every word:
few documents, so `the dark knight` does not score the 13,000 names holding `the`) and
optional in the fallback (any word, ranked by how many and how rare: `good fellas` finds
GoodFellas through its joined words). Scores are BM25 over the `name` field. A word may match:
- itself in `name` (a film's title or original title, a person's or company's name);
- itself in `joined`, the adjacent words of a name written as one (`walle` -> `wall e`);
- when the index has no such word at all (a typo): any word within an edit distance that
  grows with its length (1 from 4 letters, 2 from 8; a transposition costs 1), at a constant
  score, so `shawshenk` finds `shawshank` but a real word is never replaced by its neighbours;
- for the last word only, and also only when unknown, any word it begins (`interst…`), for
  a client searching as the user types.
Adjacent words of the text joined (`spider man` -> `spiderman`) may match `name`. A type or a
year, when asked for, is a required clause. `whole_name_query` finds the names the whole
text spells (`exact`): the ranking counts them as fully relevant (api.search.service), which
lifts `Star Wars` above `Star Wars: The Clone Wars`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from warehouse.search_index import joined_pairs

if TYPE_CHECKING:
    import tantivy

    from api.search.index import SearchIndex

#: Constant score of a word found only within an edit distance (a typo) and of a prefix of
#: the last word (BM25 of one rare word is ~5-9).
TYPO_SCORE = 4.0
PREFIX_SCORE = 3.0
#: Weight of a name's joined words and of the text's joined words (a spelling variant).
JOINED_BOOST = 0.9
#: Words that get typo and prefix clauses at most (each is an automaton over the terms).
MAX_EXPANDED_WORDS = 4


def edit_distance(word: str, most: int = 2) -> int:
    """Typos tolerated in a word: none below 4 letters (too many neighbours), then 1, then
    2 from 8 letters, never more than `most`."""
    return min(most, 2 if len(word) >= 8 else 1 if len(word) >= 4 else 0)


def is_unknown(index: SearchIndex, word: str) -> bool:
    """No name holds `word`, alone or joined to its neighbour: a typo, or a prefix."""
    searcher = index.searcher
    return searcher.doc_freq("name", word) == 0 and searcher.doc_freq("joined", word) == 0


def text_queries(
    index: SearchIndex,
    words: list[str],
    kind: str | None = None,
    year: int | None = None,
    most_typos: int = 2,
    known_words_too: bool = False,
) -> tuple[tantivy.Query, tantivy.Query]:
    """(every word, any word): the queries of the normalised `words` (api.search.service
    checks they are not empty), sharing their clauses, with at most `most_typos` edits per
    unknown word (every word of 4 letters or more with `known_words_too`: a misspelling that
    is itself a word somewhere, `inglorious bastards`). The service asks the first and falls
    back to the second when nothing has every word."""
    from tantivy import Occur, Query

    schema = index.schema
    word_clauses = []
    expanded = 0
    for position, word in enumerate(words):
        choices = [
            Query.term_query(schema, "name", word),
            Query.boost_query(Query.term_query(schema, "joined", word), JOINED_BOOST),
        ]
        if (is_unknown(index, word) or known_words_too) and expanded < MAX_EXPANDED_WORDS:
            expanded += 1
            distance = edit_distance(word, most_typos)
            if distance:
                typo = Query.fuzzy_term_query(schema, "name", word, distance=distance)
                choices.append(Query.const_score_query(typo, TYPO_SCORE))
            if position == len(words) - 1 and len(word) >= 3:
                prefix = Query.fuzzy_term_query(schema, "name", word, distance=0, prefix=True)
                choices.append(Query.const_score_query(prefix, PREFIX_SCORE))
        word_clauses.append(Query.disjunction_max_query(choices))
    pair_clauses = [
        (Occur.Should, Query.boost_query(Query.term_query(schema, "name", pair), JOINED_BOOST))
        for pair in joined_pairs(words)
    ]
    required = []
    if kind is not None:
        required.append((Occur.Must, Query.term_query(schema, "type", kind)))
    if year is not None:
        required.append((Occur.Must, Query.term_query(schema, "year", year)))

    def combined(occur: Occur) -> tantivy.Query:
        query = Query.boolean_query([(occur, clause) for clause in word_clauses] + pair_clauses)
        return Query.boolean_query([(Occur.Must, query), *required]) if required else query

    return combined(Occur.Must), combined(Occur.Should)


def needs_two_typos(index: SearchIndex, words: list[str]) -> bool:
    """Whether a word of `words` is unknown and long enough for a second edit: only then is
    a query with two typos per word (a Levenshtein automaton several times as costly) worth
    asking after one with one typo found nothing."""
    return any(
        edit_distance(word) == 2 and is_unknown(index, word) for word in words[:MAX_EXPANDED_WORDS]
    )


def whole_name_query(index: SearchIndex, words: list[str]) -> tantivy.Query:
    """The names the whole text spells (title, original title or name, normalised)."""
    from tantivy import Query

    return Query.term_query(index.schema, "exact", " ".join(words))
