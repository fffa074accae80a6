"""The user recommender, trained on every rating inside the build (a dbt-duckdb Python model).

Training runs here and only here, once per build: `recommender.serving.fitted_model_table`
fits `WatchAndLike` on all of `ratings` and returns the whole fitted model as one long table;
`user_factors`, `movie_factors` and `user_model_parameters` are tidy SQL views of it.
Materialization and schema: dbt_project.yml (`recommendations`).
"""

import sys


def model(dbt, session):
    from recommender.serving import fitted_model_table

    def log(line):
        print(f"ml_user_model_fitted: {line}", file=sys.stderr)

    return fitted_model_table(dbt.ref("ratings").df(), log=log)
