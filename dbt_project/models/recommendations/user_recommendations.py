"""The top 50 films for every MovieLens user, with the rated films that led to each (a dbt-duckdb
Python model; no training here: it reads the trained model's tables).

For each user, the user's side of the model is one ALS user step from their ratings
(`recommender.users.user_step`, the same function the API folds a new user in with; it is
checked against the stored `user_factors`). Candidates are the films of `movie_factors`
served as a TMDB film in `movies` that the user has not rated; score = implicit score x
logistic(predicted rating); `reason` names the (up to three) rated films that contributed
most to the implicit score.
"""

import sys
import time

TOP_K = 50
REASONS = 3


def model(dbt, session):
    dbt.config(materialized="table")
    import numpy as np
    import pandas as pd
    from threadpoolctl import threadpool_limits

    from recommender.users import (
        FilmSide,
        ServingSettings,
        reason_text,
        recommend_films,
        user_step,
    )

    started = time.perf_counter()
    parameters = dbt.ref("user_model_parameters").df()
    films = dbt.ref("movie_factors").df().sort_values("movielens_id", ignore_index=True)
    users = dbt.ref("user_factors").df().sort_values("user_id", ignore_index=True)
    ratings = dbt.ref("ratings").project("user_id, movielens_id, rating").df()
    titles = dbt.ref("movies").project("movie_id, title").df()

    columns = {"user_id": [], "rank": [], "movie_id": [], "score": [], "reason": []}
    if len(films) and len(users):
        row = parameters.iloc[0]
        settings = ServingSettings(
            **{name: float(row[name]) for name in ServingSettings.__dataclass_fields__}
        )
        side = FilmSide(
            rating_bias=films["rating_bias"].to_numpy(dtype=float),
            rating_factors=np.stack(films["rating_factors"].to_numpy()).astype(float),
            implicit_factors=np.stack(films["implicit_factors"].to_numpy()).astype(float),
        )
        movie_ids = films["movie_id"].to_numpy(dtype=float)  # NaN where not served
        title_of = dict(zip(titles["movie_id"], titles["title"], strict=True))
        film_titles = [
            title_of.get(int(movie_id)) if not np.isnan(movie_id) else None
            for movie_id in movie_ids
        ]
        candidates = ~np.isnan(movie_ids)
        nameable = np.array([title is not None for title in film_titles])
        film_row = pd.Series(np.arange(len(films)), index=films["movielens_id"].to_numpy())

        ratings = ratings.sort_values(["user_id", "movielens_id"], ignore_index=True)
        ratings["film"] = film_row.loc[ratings["movielens_id"].to_numpy()].to_numpy()
        by_user = dict(tuple(ratings.groupby("user_id", sort=True)))
        stored = dict(zip(users["user_id"], users["implicit_factors"], strict=True))

        def recommend_user(user_id):
            own = by_user[user_id]
            rated = own["film"].to_numpy(dtype=np.int64)
            given = own["rating"].to_numpy(dtype=float)
            user = user_step(settings, side, rated, given)
            if not np.allclose(user.implicit_factors, stored[user_id], rtol=1e-6, atol=1e-9):
                raise RuntimeError(f"user {user_id}: the user step does not reproduce training")
            rating_of = dict(zip(rated.tolist(), given.tolist(), strict=True))
            recommendations = recommend_films(
                settings, side, user, candidates, TOP_K, nameable=nameable, reasons=REASONS
            )
            for rank, rec in enumerate(recommendations, start=1):
                columns["user_id"].append(user_id)
                columns["rank"].append(rank)
                columns["movie_id"].append(int(movie_ids[rec.film]))
                columns["score"].append(rec.score)
                columns["reason"].append(
                    reason_text([(film_titles[i], rating_of[i]) for i in rec.because])
                )

        # Many small products: BLAS threads only add overhead (and the build runs two models
        # at once on a machine with few cores).
        with threadpool_limits(limits=1, user_api="blas"):
            for user_id in users["user_id"].tolist():
                recommend_user(user_id)

    frame = pd.DataFrame(
        {
            "user_id": pd.Series(columns["user_id"], dtype="int32"),
            "rank": pd.Series(columns["rank"], dtype="int32"),
            "movie_id": pd.Series(columns["movie_id"], dtype="int32"),
            "score": pd.Series(columns["score"], dtype="float64"),
            "reason": pd.Series(columns["reason"], dtype="object"),
        }
    )
    print(
        f"user_recommendations: {len(users):,} users x top {TOP_K} in "
        f"{time.perf_counter() - started:.1f}s",
        file=sys.stderr,
    )
    return frame
