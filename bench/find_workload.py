"""Workloads and same-run baselines of the search and discover figures (bench/api.py).

- `search_paths`: distinct queries as people type them, drawn from the build: film titles
  (whole, first half of the words, a letter dropped from a long word, without accents),
  people (full name, surname), companies and collections, spread over `/search`,
  `/search/movies`, `/search/people`, `/search/companies` and `/search/collections`.
- `discover_paths`: distinct filter combinations over the values films really have (genre,
  language, country, company, person, keyword, years, votes, runtime, platform), each with a
  sort and a page.
- Baselines, in process (no HTTP, which favours them), on the same inputs:
    * search: an inverted index in SQL (DuckDB table of (word, document), BM25-free: matched
      words then votes), one statement per query: what an "SQL inverted index" costs;
    * discover: the reference statement `api.discover.queries.DISCOVER`, one per request.
"""

from __future__ import annotations

import random
import sys
import time
import urllib.parse
from pathlib import Path

import duckdb
import pandas as pd

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from api.discover import queries as discover_queries  # noqa: E402
from api.discover.service import SORTS  # noqa: E402
from warehouse.search_index import SOURCES, normalize, tokens  # noqa: E402


def _names(con: duckdb.DuckDBPyConnection, sql: str) -> list[str]:
    return [row[0] for row in con.execute(sql).fetchall() if row[0]]


def _drop_letter(word: str, rng: random.Random) -> str:
    if len(word) < 6:
        return word
    cut = rng.randrange(1, len(word) - 1)
    return word[:cut] + word[cut + 1 :]


def search_queries(warehouse: str, count: int, seed: int) -> list[tuple[str, str]]:
    """`count` distinct (route, q) pairs."""
    rng = random.Random(seed)
    with duckdb.connect(warehouse, read_only=True) as con:
        titles = _names(con, "select title from api.search_movies order by fame desc limit 20000")
        people = _names(con, "select name from api.search_people order by fame desc limit 20000")
        companies = _names(
            con, "select name from api.search_companies order by fame desc limit 5000"
        )
        collections = _names(con, "select name from api.search_collections")
    seen: set[tuple[str, str]] = set()
    out: list[tuple[str, str]] = []
    while len(out) < count:
        draw = rng.random()
        if draw < 0.45:
            route, words = rng.choice(["/search/movies", "/search"]), rng.choice(titles).split()
            style = rng.random()
            if style < 0.25 and len(words) > 1:
                words = words[: max(1, len(words) // 2)]
            elif style < 0.45:
                i = rng.randrange(len(words))
                words[i] = _drop_letter(words[i], rng)
            elif style < 0.55:
                words = normalize(" ".join(words)).split()
        elif draw < 0.75:
            route, words = rng.choice(["/search/people", "/search"]), rng.choice(people).split()
            if rng.random() < 0.4:
                words = words[-1:]
        elif draw < 0.9:
            route, words = "/search/companies", rng.choice(companies).split()
        else:
            route, words = "/search/collections", rng.choice(collections).split()
        q = " ".join(words)[:200]
        if not tokens(q) or len(tokens(q)) > 16 or (route, q) in seen:
            continue
        seen.add((route, q))
        out.append((route, q))
    return out


def search_paths(warehouse: str, count: int, seed: int) -> list[str]:
    return [
        f"{route}?q={urllib.parse.quote(q)}&limit=20"
        for route, q in search_queries(warehouse, count, seed)
    ]


DISCOVER_VALUES = {
    "genre": "select distinct unnest(genre_ids) from api.discover_movies",
    "language": "select original_language from api.discover_movies "
    "where original_language is not null group by 1 having count(*) >= 20",
    "country": "select c from (select unnest(country_codes) as c from api.discover_movies) "
    "group by c having count(*) >= 20",
    "company": "select c from (select unnest(company_ids) as c from api.discover_movies) "
    "group by c having count(*) >= 5",
    "person": "select p from (select unnest(person_ids) as p from api.discover_movies) "
    "group by p having count(*) >= 3",
    "keyword": "select k from (select unnest(keyword_ids) as k from api.discover_movies) "
    "group by k having count(*) >= 10",
}


def discover_requests(warehouse: str, count: int, seed: int) -> list[dict]:
    """`count` distinct filter combinations, each with a sort and a page."""
    rng = random.Random(seed)
    with duckdb.connect(warehouse, read_only=True) as con:
        pools = {
            name: [r[0] for r in con.execute(sql).fetchall()]
            for name, sql in DISCOVER_VALUES.items()
        }
    seen, out = set(), []
    while len(out) < count:
        request: dict = {}
        for name, pool in pools.items():
            if rng.random() < (0.5 if name == "genre" else 0.2):
                request[name] = rng.choice(pool)
        if rng.random() < 0.4:
            request["year_from"] = rng.randint(1930, 2010)
            if rng.random() < 0.5:
                request["year_to"] = request["year_from"] + rng.randint(0, 30)
        if rng.random() < 0.3:
            request["min_votes"] = rng.choice([10, 50, 100, 500, 1000])
        if rng.random() < 0.2:
            request["min_vote_average"] = rng.choice([5, 6, 6.5, 7, 7.5, 8])
        if rng.random() < 0.15:
            request["runtime_min"] = rng.choice([60, 80, 90])
            request["runtime_max"] = request["runtime_min"] + rng.choice([30, 60])
        if rng.random() < 0.1:
            request["available_on"] = rng.choice(["netflix", "amazon", "hulu", "disney"])
        request["sort"] = rng.choice(SORTS)
        request["limit"] = rng.choice([10, 20, 50])
        request["offset"] = rng.choice([0, 0, 0, 20, 40])
        key = tuple(sorted(request.items()))
        if key not in seen:
            seen.add(key)
            out.append(request)
    return out


def discover_paths(requests: list[dict]) -> list[str]:
    return ["/discover/movies?" + urllib.parse.urlencode(r) for r in requests]


def discover_sql_baseline(warehouse: str, requests: list[dict], budget_s: float) -> float:
    """Requests per second answered by the reference statement in DuckDB, in process."""
    names = ["genre", "year_from", "year_to", "language", "country", "company", "person",
             "keyword", "min_votes", "min_vote_average", "runtime_min", "runtime_max",
             "available_on"]  # fmt: skip
    con = duckdb.connect(warehouse, read_only=True)
    con.execute("set threads = 1")
    done, started = 0, time.perf_counter()
    for request in requests:
        key, _, direction = request["sort"].partition(".")
        statement = discover_queries.DISCOVER.format(
            db='"' + con.execute("select current_database()").fetchone()[0] + '"',
            column=discover_queries.SORT_COLUMNS[key],
            direction=direction,
        )
        params = {name: request.get(name) for name in names}
        params.update(limit=request["limit"], offset=request["offset"])
        con.execute(statement, params).fetchall()
        done += 1
        if time.perf_counter() - started > budget_s:
            break
    con.close()
    return done / (time.perf_counter() - started)


def search_sql_baseline(warehouse: str, queries: list[tuple[str, str]], budget_s: float) -> float:
    """Queries per second of an SQL inverted index (exact words only, no typos, no BM25):
    documents ranked by matched words, then fame; one DuckDB statement per query."""
    con = duckdb.connect()
    con.execute("set threads = 1")
    con.execute(f"attach '{warehouse}' as w (read_only)")
    frames = []
    for kind, (relation, id_column, name_column, *_rest) in SOURCES.items():
        rows = con.execute(f"select {id_column}, {name_column}, fame from w.{relation}").fetchall()
        frames += [(w, kind, i, fame) for i, name, fame in rows for w in set(tokens(name or ""))]
    con.register("postings_rows", pd.DataFrame(frames, columns=["word", "kind", "id", "fame"]))
    con.execute("create table postings as select * from postings_rows")
    con.unregister("postings_rows")
    con.execute("create index postings_word on postings (word)")
    statement = (
        "select kind, id, count(*) as matched, max(fame) as fame from postings "
        "where word in (select unnest($words)) group by kind, id "
        "order by matched desc, fame desc, kind, id limit 20"
    )
    done, started = 0, time.perf_counter()
    for _route, q in queries:
        con.execute(statement, {"words": tokens(q)}).fetchall()
        done += 1
        if time.perf_counter() - started > budget_s:
            break
    con.close()
    return done / (time.perf_counter() - started)
