"""`/users` (MovieLens users) and `/recommendations` (a new user from a few ratings)."""

from __future__ import annotations

from typing import Annotated

from litestar import Controller, get, post
from litestar.di import NamedDependency
from litestar.openapi.datastructures import ResponseSpec
from litestar.openapi.spec import Example
from litestar.params import Body
from litestar.types import Scope

from api import document_store
from api.db import MAY_RUN_LONG, Warehouse
from api.dispatch import point_lookup
from api.docs import responses
from api.metrics import RequestMetrics
from api.problems import CONFLICT, PROBLEM_MEDIA_TYPE, Problem, UnknownName
from api.users import examples, service
from api.users.parameters import LIMIT, MOVIE_ID, THRESHOLD, USER_ID
from api.users.schemas import (
    ColdStartRecommendations,
    RatedFilm,
    UserMoviePrediction,
    UserRecommendations,
)

#: The metrics family counting recommendation requests by outcome (api.metrics.OUTCOMES).
RECOMMENDATIONS = "recommendation_requests"


class UsersController(Controller):
    path = "/users"
    tags = ("recommendations",)

    @get(
        "/{user_id:int}/recommendations",
        summary="Films to recommend to a MovieLens user, with the rated films that led to each",
        description=(
            "The build's top 50 per user (films of the catalogue the user has not rated): "
            "score = implicit-feedback MF score (will the user rate it?) x logistic of the "
            "rating model's prediction (will they like it?)."
        ),
        responses=responses(
            UserRecommendations,
            examples.USER_RECOMMENDATIONS,
            summary="GET /users/1/recommendations?limit=1",
            not_found=("No user matches 'id 999999'.", []),
            invalid="Validation failed for GET /users/1/recommendations?limit=0",
        ),
    )
    @point_lookup
    def recommendations(
        self,
        scope: Scope,
        warehouse: NamedDependency[Warehouse],
        metrics: NamedDependency[RequestMetrics],
        user_id: Annotated[int, USER_ID],
        limit: Annotated[int, LIMIT] = service.DEFAULT_RECOMMENDATIONS,
    ) -> UserRecommendations:
        if limit == service.DEFAULT_RECOMMENDATIONS:
            document = document_store.find(warehouse, "user_recommendations", user_id)
            if document is not None:
                metrics.count(RECOMMENDATIONS, "known_user")
                return document_store.respond(scope, document)  # type: ignore[return-value]
        try:
            found = service.user_recommendations(warehouse, user_id, limit)
        except UnknownName:
            metrics.count(RECOMMENDATIONS, "unknown_user")
            raise
        metrics.count(RECOMMENDATIONS, "known_user")
        return found

    @get(
        "/{user_id:int}/movies/{movie_id:int}",
        sync_to_thread=MAY_RUN_LONG,
        summary="Should this user watch this film? The predicted rating and the verdict",
        description=(
            "Rating model (biased matrix factorization trained in the build): global mean + "
            "user bias + film bias + factors' dot product, clipped to 0.5-5 (a film without "
            "ratings: global mean + user bias). `recommend` = predicted rating >= `threshold`; "
            "`already_rated` is the user's own rating, if any."
        ),
        responses=responses(
            UserMoviePrediction,
            examples.PREDICTION,
            summary="GET /users/15/movies/680",
            not_found=("No user matches 'id 999999'.", []),
            invalid="Validation failed for GET /users/15/movies/0",
        ),
    )
    def prediction(
        self,
        warehouse: NamedDependency[Warehouse],
        user_id: Annotated[int, USER_ID],
        movie_id: Annotated[int, MOVIE_ID],
        threshold: Annotated[float, THRESHOLD] = service.DEFAULT_THRESHOLD,
    ) -> UserMoviePrediction:
        prediction, _title = service.user_movie_prediction(warehouse, user_id, movie_id, threshold)
        return prediction


class ColdStartController(Controller):
    path = "/recommendations"
    tags = ("recommendations",)

    @post(
        "/",
        sync_to_thread=MAY_RUN_LONG,
        status_code=200,
        summary="Recommendations for a new, anonymous user from a few ratings (no retraining)",
        description=(
            "The body lists `{movie_id, rating}` (TMDB ids, ratings 0.5-5, each film once). The "
            "user is folded into the trained model with one exact ALS user step, the same the "
            "build computes for every MovieLens user. Films of the catalogue nobody rated in "
            "MovieLens cannot inform the model and are listed in `ignored_movie_ids`. An empty "
            "list, a rating off the half-star grid 0.5-5 or a body that is not such a list "
            "answer 400; a movie_id rated twice 409 (conflicting ratings); a movie_id of no "
            "film in the catalogue 404."
        ),
        responses={
            **responses(
                ColdStartRecommendations,
                examples.COLD_START,
                summary=examples.COLD_START_REQUEST,
                invalid="Validation failed for POST /recommendations",
                not_found=("No film matches 'movie_id 99999999'.", []),
            ),
            409: ResponseSpec(
                data_container=Problem,
                description="A movie_id rated more than once (RFC 9457 problem details)",
                media_type=PROBLEM_MEDIA_TYPE,
                generate_examples=False,
                examples=[
                    Example(
                        summary="Conflicting ratings",
                        value={
                            "type": CONFLICT,
                            "title": "Conflicting ratings",
                            "status": 409,
                            "detail": "Each film may be rated once; rated more than once: 862.",
                        },
                    )
                ],
            ),
            413: ResponseSpec(
                data_container=Problem,
                description="A body larger than the server's limit (API_MAX_BODY_BYTES, 256 KiB)",
                media_type=PROBLEM_MEDIA_TYPE,
                generate_examples=False,
            ),
        },
    )
    def cold_start(
        self,
        warehouse: NamedDependency[Warehouse],
        metrics: NamedDependency[RequestMetrics],
        data: Annotated[
            list[RatedFilm],
            Body(
                description="The new user's ratings: `[{movie_id, rating}, ...]`, each film "
                f"once, ratings {service.RATING_MIN} to {service.RATING_MAX} in half stars.",
                min_items=1,
                max_items=service.MAX_RATED_FILMS,
            ),
        ],
        limit: Annotated[int, LIMIT] = service.DEFAULT_RECOMMENDATIONS,
    ) -> ColdStartRecommendations:
        found = service.cold_start(warehouse, data, limit)
        metrics.count(RECOMMENDATIONS, "cold_start")
        return found
