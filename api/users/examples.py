"""OpenAPI examples of `/users` and `/recommendations` (figures from the full data: the
model's fits are deterministic, seeded)."""

from __future__ import annotations

USER_RECOMMENDATIONS = {
    "user_id": 1,
    "items": [
        {
            "movie_id": 240,
            "title": "The Godfather: Part II",
            "score": 0.0539,
            "reason": "Because you rated Dracula (3.5), The French Connection (4.0) and Tron (4.0)",
        }
    ],
}
PREDICTION = {
    "user_id": 15,
    "movie_id": 680,
    "predicted_rating": 4.07,
    "recommend": True,
    "already_rated": 5.0,
}
COLD_START = {
    "items": [
        {
            "movie_id": 585,
            "title": "Monsters, Inc.",
            "score": 0.1309,
            "reason": "Because you rated Finding Nemo (4.5) and Toy Story (5.0)",
        }
    ],
    "ignored_movie_ids": [],
}
#: The request COLD_START answers (its summary spells out the whole body).
COLD_START_REQUEST = (
    'POST /recommendations?limit=1 [{"movie_id": 862, "rating": 5}, '
    '{"movie_id": 12, "rating": 4.5}]'
)
