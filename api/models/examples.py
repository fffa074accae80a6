"""OpenAPI example of `/models`: the full data's build (its id, time, run id and version
numbers vary per build and registry; the figures and parameters do not)."""

from __future__ import annotations

MODEL_CARD = {
    "build_id": "warehouse-20261207T210544452840Z",
    "trained_at": "2026-12-07T21:11:54.634092Z",
    "training_rows": {"movielens": 100004, "feedback": 0},
    "models": [
        {
            "name": "similar-items",
            "version": "1",
            "metrics": {
                "similar_movies.collection_recall_at_10": 0.9897,
                "similar_movies.title_only_rate_at_10": 0.0022,
                "streaming_similar_titles.title_only_rate_at_10": 0.0198,
            },
            "parameters": {
                "movies.cast": 0.5,
                "movies.collection": 1.0,
                "movies.companies": 0.0,
                "movies.decade": 0.5,
                "movies.directors": 0.5,
                "movies.franchise": 1.0,
                "movies.genres": 1.0,
                "movies.keywords": 2.0,
                "movies.language": 0.5,
                "movies.popularity": 1.0,
                "movies.ratings": 1.0,
                "movies.text": 2.0,
                "movies.title": 0.0,
                "streaming.cast": 3.0,
                "streaming.countries": 0.5,
                "streaming.decade": 0.5,
                "streaming.directors": 1.0,
                "streaming.franchise": 0.25,
                "streaming.genres": 1.0,
                "streaming.text": 0.25,
                "streaming.title": 0.0,
                "streaming.type": 0.5,
                "streaming.work": 0.5,
            },
        },
        {
            "name": "user-recommender",
            "version": "1",
            "metrics": {
                "user_recommendations.coverage": 0.0682,
                "user_recommendations.mae": 0.6818,
                "user_recommendations.ndcg_at_10": 0.1150,
                "user_recommendations.precision_at_10": 0.0869,
                "user_recommendations.recall_at_10": 0.1053,
                "user_recommendations.rmse": 0.8923,
            },
            "parameters": {
                "global_mean": 3.5436,
                "implicit_alpha": 5.0,
                "implicit_factor_count": 64,
                "implicit_power": 2.0,
                "implicit_reg_per_rating": 0.0,
                "implicit_regularization": 20.0,
                "like_steepness": 3.0,
                "like_threshold": 3.5,
                "rating_factor_count": 16,
                "rating_reg_bias": 3.0,
                "rating_reg_factors": 8.0,
                "rating_reg_factors_per_rating": 0.05,
            },
        },
    ],
    "mlflow_run_id": "c968b887f49643a0b5e05a06d1f4733a",
}
