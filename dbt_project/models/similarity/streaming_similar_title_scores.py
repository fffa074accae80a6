"""The k most similar streaming titles of every title (k: the dbt var similar_depth), across
the four platforms, by the same engine as the films (recommender/models/similar.py) on the
catalogues' own features."""

import sys
import time


def model(dbt, session):
    from recommender.features import streaming_features
    from recommender.models.similar import STREAMING_WEIGHTS, neighbours_frame, top_k

    # dbt passes a config value to a Python model only for a `dbt.config.get` call its parser
    # finds (not inside `x or y`): the yml's k (var similar_depth) reaches the model this way.
    k = int(dbt.config.get("k", 20))
    started = time.perf_counter()
    features = streaming_features(dbt.ref("ml_streaming_title_features").df())
    neighbours, scores = top_k(features, STREAMING_WEIGHTS, k=k)
    frame = neighbours_frame(features, neighbours, scores, "title_id", "similar_title_id")
    print(
        f"streaming_similar_title_scores: {len(features):,} titles x {k} neighbours in "
        f"{time.perf_counter() - started:.1f}s",
        file=sys.stderr,
    )
    return frame
