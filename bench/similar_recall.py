"""Recall of the candidate path of the similar-items model against every pair scored (issue 15).

For every film (and every streaming title) of a built warehouse, the top 20 by the exact model
(`top_k(exact=True)`: every item against every item, the pre-issue-15 method) and by the
build's candidate path (`exact=False`: HNSW + capped posting lists, then the exact formula,
`recommender/models/candidates.py`), with the wall time of each. Recall@20 = the share of the
exact top 20 that the candidate top 20 holds. Target: >= 0.95 (docs/scaling.md).

    python bench/similar_recall.py [--warehouse build/warehouse.duckdb] [--k 20]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bench.build import machine  # noqa: E402
from warehouse.settings import get_settings  # noqa: E402


def recall(found, exact) -> float:
    """Mean share of each row's exact neighbours that the found row holds."""
    hits = sum(len(set(a.tolist()) & set(b.tolist())) for a, b in zip(found, exact, strict=True))
    return hits / exact.size


def catalogues(con):
    """(name, features, weights) of the two similar-items models, as the build computes them."""
    from recommender.features import movie_features, streaming_features
    from recommender.models.similar import MOVIE_WEIGHTS, STREAMING_WEIGHTS

    ratings = con.execute(
        "select user_id, movie_id, rating::double as rating from main.ratings "
        "where movie_id is not null"
    ).df()
    films = con.execute("select * from staging.ml_movie_features").df()
    titles = con.execute("select * from staging.ml_streaming_title_features").df()
    yield "films", movie_features(films, ratings), MOVIE_WEIGHTS
    yield "streaming titles", streaming_features(titles), STREAMING_WEIGHTS


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--warehouse", type=Path, default=get_settings().warehouse_path)
    parser.add_argument("--k", type=int, default=20)
    args = parser.parse_args()

    import duckdb

    from recommender.models.similar import top_k

    con = duckdb.connect(str(args.warehouse), read_only=True)
    print(f"machine: {machine()}")
    print(
        f"{'catalogue':<18}{'items':>9}{'exact s':>10}{'candidates s':>14}{'ratio':>8}"
        f"{'recall@' + str(args.k):>11}"
    )
    for name, features, weights in catalogues(con):
        started = time.perf_counter()
        exact, _ = top_k(features, weights, k=args.k, exact=True)
        exact_seconds = time.perf_counter() - started
        started = time.perf_counter()
        found, _ = top_k(features, weights, k=args.k, exact=False)
        found_seconds = time.perf_counter() - started
        print(
            f"{name:<18}{len(features):>9,}{exact_seconds:>10.1f}{found_seconds:>14.1f}"
            f"{found_seconds / exact_seconds:>8.2f}{recall(found, exact):>11.4f}",
            flush=True,
        )


if __name__ == "__main__":
    main()
