"""The top 50 films for every MovieLens user, with the rated films that led to each (a dbt-duckdb
Python model; no training here: it reads the trained model's tables).

`recommender.serving.recommendations_table` folds every user in again from their ratings, with
the same functions the API serves a new user with, and checks the result against the stored
`user_factors`. Materialization: dbt_project.yml (`recommendations`).
"""

import sys


def model(dbt, session):
    from recommender.serving import recommendations_table

    def log(line):
        print(f"user_recommendations: {line}", file=sys.stderr)

    return recommendations_table(
        parameters=dbt.ref("user_model_parameters").df(),
        films=dbt.ref("movie_factors").df(),
        titles=dbt.ref("movies").project("movie_id, title").df(),
        users=dbt.ref("user_factors").df(),
        ratings=dbt.ref("ratings").project("user_id, movielens_id, rating").df(),
        log=log,
    )
