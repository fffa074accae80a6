"""Search quality on a query set: top-1 and top-3 accuracy of the first expected result.

`bench/search_queries.csv` holds queries a person types (titles, partial titles, surnames,
typos, accents, original titles, companies, collections) with the item they mean, resolved
to its id once by exact name (and year) in SQL, independently of the search index. Each query
goes through the API's search service in process (the same code as `GET /search*`) over the
live build, and the expected item's rank in the answer is noted.

    python bench/search_quality.py [--warehouse build/warehouse.duckdb] [--show-misses]
"""

from __future__ import annotations

import argparse
import csv
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from api.db import Warehouse  # noqa: E402
from api.search import service  # noqa: E402
from warehouse.settings import get_settings  # noqa: E402

QUERIES = REPO / "bench" / "search_queries.csv"
ID_FIELDS = {"movie": "movie_id", "person": "person_id", "company": "company_id",
             "collection": "collection_id"}  # fmt: skip


def ranked_ids(warehouse: Warehouse, route: str, q: str) -> list[tuple[str, int]]:
    """(type, id) of the first 10 items the route answers for `q`."""
    if route == "all":
        return [(item.type, item.id) for item in service.search_all(warehouse, q, 10, 0).items]
    search = {
        "movies": lambda: service.search_movies(warehouse, q, None, 10, 0),
        "people": lambda: service.search_people(warehouse, q, 10, 0),
        "companies": lambda: service.search_companies(warehouse, q, 10, 0),
        "collections": lambda: service.search_collections(warehouse, q, 10, 0),
    }[route]
    kind = {"movies": "movie", "people": "person", "companies": "company",
            "collections": "collection"}[route]  # fmt: skip
    return [(kind, getattr(item, ID_FIELDS[kind])) for item in search().items]


def evaluate(warehouse_path: str, queries: Path = QUERIES) -> dict:
    rows = list(csv.DictReader(queries.open(encoding="utf-8")))
    results = []
    with Warehouse(warehouse_path) as warehouse:
        started = time.perf_counter()
        for row in rows:
            found = ranked_ids(warehouse, row["route"], row["q"])
            expected = (row["expected_type"], int(row["expected_id"]))
            rank = found.index(expected) + 1 if expected in found else None
            results.append({**row, "rank": rank})
        seconds = time.perf_counter() - started
    n = len(results)
    return {
        "queries": n,
        "top1": sum(r["rank"] == 1 for r in results) / n,
        "top3": sum(r["rank"] is not None and r["rank"] <= 3 for r in results) / n,
        "misses": [r for r in results if r["rank"] != 1],
        "seconds": seconds,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--warehouse", default=str(get_settings().warehouse_path))
    parser.add_argument("--queries", type=Path, default=QUERIES)
    parser.add_argument("--show-misses", action="store_true")
    args = parser.parse_args()
    result = evaluate(args.warehouse, args.queries)
    print(f"warehouse: {Path(args.warehouse).resolve()}")
    print(
        f"{result['queries']} queries ({args.queries.name}): top-1 {result['top1']:.1%}, "
        f"top-3 {result['top3']:.1%} ({result['seconds'] * 1000 / result['queries']:.2f} ms "
        "per query in process, first-call index load included)"
    )
    if args.show_misses:
        for miss in result["misses"]:
            print(
                f"  {miss['route']:<11} {miss['q']!r:<40} expected {miss['expected_name']!r} "
                f"-> rank {miss['rank']}"
            )


if __name__ == "__main__":
    main()
