"""The statement behind `/health` (view `api.build_info`: one row)."""

from __future__ import annotations

BUILD_INFO = """
select
    build_started_at, build_finished_at, dbt_version, duckdb_version,
    movies, people, cast_credits, crew_credits, collections, companies, ratings
from {db}.api.build_info
"""

#: The api relations the routes read (`{db}.api.<name>` in api/**/queries.py), each probed
#: by `/health` for one row: a damaged block or a missing core relation shows there instead
#: of as a 500 on one route. Relations of the recommenders may be absent (a build made with
#: --skip-recommenders): absent is not a failure for them, unreadable is.
KEY_RELATIONS = (
    "actor_success", "build_info", "collection_details", "company_success", "director_films",
    "director_success", "film_suggestions", "films_by_country", "films_by_genre",
    "films_by_language", "films_by_month", "films_by_weekday", "franchise_success",
    "movie_by_external_id", "movie_by_title", "movie_details", "person_details",
    "recommendations_for_user", "streaming_country_counts", "streaming_genre_counts",
    "streaming_longest_movie", "streaming_platform_counts", "streaming_rating_counts",
    "streaming_score_counts", "streaming_title_by_title", "streaming_title_details",
    "streaming_title_suggestions", "streaming_top_actors", "user_model_factors",
    "user_movie_predictions",
)  # fmt: skip
#: The relations of the recommenders, absent from a build made with --skip-recommenders.
OPTIONAL_RELATIONS = frozenset(
    ("film_suggestions", "recommendations_for_user", "streaming_title_suggestions",
     "user_model_factors", "user_movie_predictions")
)  # fmt: skip
PROBES = {name: f"select 1 as present from {{db}}.api.{name} limit 1" for name in KEY_RELATIONS}
