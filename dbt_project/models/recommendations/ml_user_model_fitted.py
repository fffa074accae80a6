"""The user recommender, trained on every rating inside the build (a dbt-duckdb Python model).

Training runs here and only here, once per build: `recommender.serving.fitted_model_table`
fits `WatchAndLike` (its tuned settings, any given by `--model-param` replaced) on all of
`ratings` and returns the whole fitted model as one long table; `user_factors`,
`movie_factors` and `user_model_parameters` are tidy SQL views of it.
Materialization and schema: dbt_project.yml (`recommendations`).
"""

import json
import sys


def model(dbt, session):
    from recommender.serving import fitted_model_table, served_model

    # dbt passes a config value to a Python model only for a `dbt.config.get` call it parses
    # (a plain call: `dbt.config.get(...) or x` hides it from the parser).
    parameters = json.loads(dbt.config.get("model_parameters", "{}"))

    def log(line):
        print(f"ml_user_model_fitted: {line}", file=sys.stderr)

    return fitted_model_table(dbt.ref("ratings").df(), served_model(parameters), log=log)
