"""The user recommender, trained on every rating inside the build (a dbt-duckdb Python model).

Trains `recommender.users.WatchAndLike` (implicit MF for "will the user rate it", biased MF
for "will they like it") once, on all of `ratings` keyed by MovieLens id, and returns the whole
fitted model as one long table: one `model` row (the settings a user step needs, the global
mean, the training size and time), one `user` row per user, one `film` row per rated film.
`user_factors`, `movie_factors` and `user_model_parameters` are tidy views of it (SQL), and
`user_recommendations` is computed from those, so training runs exactly once per build.
"""

import sys
import time


def model(dbt, session):
    dbt.config(materialized="table", schema="staging")
    import numpy as np
    import pyarrow as pa

    from recommender.datasets import Ratings
    from recommender.users import WatchAndLike

    frame = dbt.ref("ratings").df()
    data = Ratings.from_frame(frame, item="movielens_id", timestamp="rated_at")

    # A TMDB film is served through one MovieLens id: the one with the most ratings (then the
    # lowest id) when several link to it; the others keep a NULL movie_id.
    links = (
        frame.dropna(subset=["movie_id"])
        .groupby(["movielens_id", "movie_id"], as_index=False)
        .size()
        .sort_values(["movie_id", "size", "movielens_id"], ascending=[True, False, True])
        .drop_duplicates("movie_id")
    )
    movie_of = dict(zip(links["movielens_id"].tolist(), links["movie_id"].tolist(), strict=True))

    fitted = WatchAndLike()
    started = time.perf_counter()
    if len(data):
        fitted.fit(data)
    fit_seconds = time.perf_counter() - started

    settings_type = pa.struct(
        [
            ("global_mean", pa.float64()),
            ("rating_factor_count", pa.int32()),
            ("rating_reg_bias", pa.float64()),
            ("rating_reg_factors", pa.float64()),
            ("rating_reg_factors_per_rating", pa.float64()),
            ("implicit_factor_count", pa.int32()),
            ("implicit_regularization", pa.float64()),
            ("implicit_reg_per_rating", pa.float64()),
            ("implicit_alpha", pa.float64()),
            ("implicit_power", pa.float64()),
            ("like_threshold", pa.float64()),
            ("like_steepness", pa.float64()),
            ("trained_ratings", pa.int64()),
            ("trained_users", pa.int64()),
            ("trained_films", pa.int64()),
            ("fit_seconds", pa.float64()),
        ]
    )
    schema = pa.schema(
        [
            ("part", pa.string()),
            ("id", pa.int64()),
            ("movie_id", pa.int32()),
            ("ratings", pa.int64()),
            ("rating_bias", pa.float64()),
            ("rating_factors", pa.list_(pa.float64())),
            ("implicit_factors", pa.list_(pa.float64())),
            ("settings", settings_type),
        ]
    )

    explicit, implicit = fitted.explicit, fitted.implicit
    settings = {
        "global_mean": explicit.mean_ if len(data) else None,
        "rating_factor_count": explicit.factors,
        "rating_reg_bias": explicit.reg_bias,
        "rating_reg_factors": explicit.reg_factors,
        "rating_reg_factors_per_rating": explicit.reg_factors_per_rating,
        "implicit_factor_count": implicit.factors,
        "implicit_regularization": implicit.regularization,
        "implicit_reg_per_rating": implicit.reg_per_rating,
        "implicit_alpha": implicit.alpha,
        "implicit_power": implicit.power,
        "like_threshold": fitted.threshold,
        "like_steepness": fitted.steepness,
        "trained_ratings": len(data),
        "trained_users": data.n_users,
        "trained_films": data.n_items,
        "fit_seconds": fit_seconds,
    }
    columns = {name: [] for name in schema.names}

    def add(part, id_, movie_id, ratings, bias, rating_factors, implicit_factors, settings):
        columns["part"].append(part)
        columns["id"].append(id_)
        columns["movie_id"].append(movie_id)
        columns["ratings"].append(ratings)
        columns["rating_bias"].append(bias)
        columns["rating_factors"].append(rating_factors)
        columns["implicit_factors"].append(implicit_factors)
        columns["settings"].append(settings)

    add("model", 0, None, len(data), None, None, None, settings)
    if len(data):
        user_counts = np.bincount(data.user_index, minlength=data.n_users)
        for row, user_id in enumerate(data.users.tolist()):
            add(
                "user",
                user_id,
                None,
                int(user_counts[row]),
                float(explicit.user_bias_[row]),
                explicit.user_factors_[row].tolist(),
                implicit.user_factors_[row].tolist(),
                None,
            )
        item_counts = np.bincount(data.item_index, minlength=data.n_items)
        for row, movielens_id in enumerate(data.items.tolist()):
            add(
                "film",
                movielens_id,
                movie_of.get(movielens_id),
                int(item_counts[row]),
                float(explicit.item_bias_[row]),
                explicit.item_factors_[row].tolist(),
                implicit.item_factors_[row].tolist(),
                None,
            )
    print(
        f"int_user_model_fitted: {len(data):,} ratings, {data.n_users:,} users, "
        f"{data.n_items:,} films; trained in {fit_seconds:.1f}s",
        file=sys.stderr,
    )
    return pa.table(columns, schema=schema)
