"""The similar-items model the build serves, measured on the proxies of `python -m recommender
evaluate-similar` (a dbt-duckdb Python model): collection recovery with the name blocks off and
co-liking for films, same-director recovery for streaming titles, on the honest splits of
`recommender.similar_evaluation` (behavioural block fitted on even users, truth from odd users,
films with an odd id). `audit.model_metrics` reports these rows beside the title-only rates;
the model gate compares them with the live build's.

Ratings: the MovieLens ones only, so every build is measured on the same truth (feedback
trains the served model but is not evaluation data).
"""


def model(dbt, session):
    from recommender.similar_evaluation import served_model_proxies

    # No line printed: the figures are the build's "model gate" stage line and its tables.
    return served_model_proxies(
        dbt.ref("ml_movie_features").df(),
        dbt.ref("ratings")
        .filter("movie_id is not null and source = 'movielens'")
        .project("user_id, movie_id, rating::double as rating")
        .df(),
        dbt.ref("ml_streaming_title_features").df(),
    )
