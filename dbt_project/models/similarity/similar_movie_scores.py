"""The k most similar films of every film (content features and, for films with MovieLens
ratings, how alike people rated them), computed in the build.

A dbt-duckdb Python model, so the table is written into the new warehouse file and tested by
the same `dbt build` before the file is swapped in. The scoring lives in `recommender`
(features.py, models/similar.py); `similar_movies` adds the reasons in SQL.
"""

import sys
import time


def model(dbt, session):
    from recommender.features import movie_features
    from recommender.models.similar import MOVIE_WEIGHTS, neighbours_frame, top_k

    k = int(dbt.config.get("k", 20))
    started = time.perf_counter()
    ratings = (
        dbt.ref("ratings")
        .filter("movie_id is not null")
        .project("user_id, movie_id, rating::double as rating")
        .df()
    )
    features = movie_features(dbt.ref("ml_movie_features").df(), ratings)
    neighbours, scores = top_k(features, MOVIE_WEIGHTS, k=k)
    frame = neighbours_frame(features, neighbours, scores, "movie_id", "similar_movie_id")
    print(
        f"similar_movie_scores: {len(features):,} films x {k} neighbours in "
        f"{time.perf_counter() - started:.1f}s",
        file=sys.stderr,
    )
    return frame
