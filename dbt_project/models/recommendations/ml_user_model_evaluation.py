"""The served user model measured on the fixed protocol, inside the build (a dbt-duckdb Python
model): what `audit.model_metrics` reports for it and what the model gate compares with the
live build's figures before the swap.

`recommender.evaluation.served_model_metrics` splits the MovieLens ratings of `ratings` as the
protocol does (feedback rows join train, never test), fits a copy of the served model with the
build's parameters on train and measures it on test. The model served is trained on every
rating by `ml_user_model_fitted`; this one only measures the same settings.
"""

import json


def model(dbt, session):
    from recommender.evaluation import served_model_metrics
    from recommender.serving import served_model

    # dbt passes a config value to a Python model only for a `dbt.config.get` call it parses
    # (a plain call: `dbt.config.get(...) or x` hides it from the parser).
    parameters = json.loads(dbt.config.get("model_parameters", "{}"))
    # No line printed: the figures are the build's "model gate" stage line and its tables.
    return served_model_metrics(dbt.ref("ratings").df(), served_model(parameters))
