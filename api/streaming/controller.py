"""`/streaming`: counts, records and titles of the streaming catalogues."""

from __future__ import annotations

from typing import Annotated

from litestar import Controller, get
from litestar.di import NamedDependency

from api.db import MAY_RUN_LONG, Warehouse
from api.docs import name_parameter, responses
from api.streaming import examples, service
from api.streaming.parameters import (
    SCORED_PARAMETER,
    TITLE_TYPE_PARAMETER,
    duration_type_parameter,
    platform_parameter,
    year_parameter,
)
from api.streaming.schemas import (
    CountryTitles,
    LongestMovie,
    PlatformCounts,
    RatingTitles,
    ScoreCount,
    StreamingTitle,
    TopActor,
)


class StreamingController(Controller):
    path = "/streaming"
    tags = ("streaming",)

    @get(
        "/longest-movie",
        sync_to_thread=MAY_RUN_LONG,
        cache=True,
        summary="The longest movie, optionally of a release year and a platform",
        description=(
            "Movies only; ties broken by title. `duration_type` defaults to `min`: minutes "
            "and seasons cannot be compared (a few Hulu movies are listed in seasons). "
            "No matching movie is a 404."
        ),
        responses=responses(
            LongestMovie,
            examples.LONGEST_MOVIE,
            summary="GET /streaming/longest-movie?platform=netflix&year=2016",
            invalid=service.INVALID_PLATFORM,
            no_match=examples.NO_LONGEST_MOVIE,
        ),
    )
    def by_longest_movie(
        self,
        warehouse: NamedDependency[Warehouse],
        year: Annotated[int | None, year_parameter("Release year.", 2016)] = None,
        platform: Annotated[str | None, platform_parameter("netflix", "Prime Video")] = None,
        duration_type: Annotated[str | None, duration_type_parameter("min", "seasons")] = None,
    ) -> LongestMovie:
        return service.longest_movie(warehouse, year, platform, duration_type)

    @get(
        "/score-count",
        sync_to_thread=MAY_RUN_LONG,
        cache=True,
        summary="Movies of a platform and release year with a mean user score above a threshold",
        description="Counts movies whose score is strictly greater than `scored`; 0 is an answer.",
        responses=responses(
            ScoreCount,
            examples.SCORE_COUNT,
            summary="GET /streaming/score-count?platform=amazon&scored=3.3&year=2014",
            invalid=service.INVALID_PLATFORM,
        ),
    )
    def by_score(
        self,
        warehouse: NamedDependency[Warehouse],
        platform: Annotated[str, platform_parameter("amazon", "Netflix")],
        scored: Annotated[float, SCORED_PARAMETER],
        year: Annotated[int, year_parameter("Release year.", 2014)],
    ) -> ScoreCount:
        return service.score_count(warehouse, platform, scored, year)

    @get(
        "/platforms/{platform:str}",
        sync_to_thread=MAY_RUN_LONG,
        cache=True,
        summary="Movies and TV shows of a platform",
        responses=responses(
            PlatformCounts,
            examples.PLATFORM_COUNTS,
            summary="GET /streaming/platforms/amazon",
            invalid=service.INVALID_PLATFORM,
        ),
    )
    def by_platform(
        self,
        warehouse: NamedDependency[Warehouse],
        platform: Annotated[str, platform_parameter("amazon", "Disney+")],
    ) -> PlatformCounts:
        return service.platform_counts(warehouse, platform)

    @get(
        "/top-actor",
        sync_to_thread=MAY_RUN_LONG,
        cache=True,
        summary="The actor in most titles of a platform, in a release year or all years",
        description=(
            "All types (movies and TV shows); ties broken by name. Hulu's catalogue lists no "
            "cast, so Hulu (like a year without cast data) is a 404."
        ),
        responses=responses(
            TopActor,
            examples.TOP_ACTOR,
            summary="GET /streaming/top-actor?platform=netflix",
            invalid=service.INVALID_PLATFORM,
            no_match=service.NO_CAST,
        ),
    )
    def by_actor(
        self,
        warehouse: NamedDependency[Warehouse],
        platform: Annotated[str, platform_parameter("netflix", "amazon")],
        year: Annotated[
            int | None, year_parameter("Release year; omitted = all years.", 2018)
        ] = None,
    ) -> TopActor:
        return service.top_actor(warehouse, platform, year)

    @get(
        "/countries/{country:str}",
        sync_to_thread=MAY_RUN_LONG,
        cache=True,
        summary="Titles produced in a country, optionally of a type and a release year",
        description=(
            "Countries as the catalogues name them (`united states`, `india`), any case; "
            "0 is an answer, an unknown country a 404 with the closest names."
        ),
        responses=responses(
            CountryTitles,
            examples.COUNTRY_TITLES,
            summary="GET /streaming/countries/india?type=movie&year=2019",
            not_found=examples.UNKNOWN_COUNTRY,
            invalid=service.INVALID_TITLE_TYPE,
        ),
    )
    def by_country(
        self,
        warehouse: NamedDependency[Warehouse],
        country: Annotated[
            str, name_parameter("Production country, as in the catalogues.", "india", "Spain")
        ],
        title_type: Annotated[str | None, TITLE_TYPE_PARAMETER] = None,
        year: Annotated[
            int | None, year_parameter("Release year; omitted = all years.", 2019)
        ] = None,
    ) -> CountryTitles:
        return service.country_titles(warehouse, country, title_type, year)

    @get(
        "/ratings/{rating:str}",
        sync_to_thread=MAY_RUN_LONG,
        cache=True,
        summary="Titles (all platforms and types) with a maturity rating",
        responses=responses(
            RatingTitles,
            examples.RATING_TITLES,
            summary="GET /streaming/ratings/13+",
            not_found=examples.UNKNOWN_RATING,
        ),
    )
    def by_rating(
        self,
        warehouse: NamedDependency[Warehouse],
        rating: Annotated[
            str, name_parameter("Maturity rating as listed, any case.", "13+", "TV-MA")
        ],
    ) -> RatingTitles:
        return service.rating_titles(warehouse, rating)

    @get(
        "/titles/{title_id:str}",
        sync_to_thread=MAY_RUN_LONG,
        cache=True,
        summary="A streaming title, and the TMDB film it is when linked",
        description=(
            "`movie` is the TMDB film with the same title key and a release year within 1 "
            "(see `match_quality`), else null."
        ),
        responses=responses(
            StreamingTitle,
            examples.STREAMING_TITLE,
            summary="GET /streaming/titles/ds1378",
            not_found=examples.UNKNOWN_TITLE_ID,
        ),
    )
    def by_id(
        self,
        warehouse: NamedDependency[Warehouse],
        title_id: Annotated[
            str,
            name_parameter(
                "Title id: platform initial + show id (`as` Amazon, `ds` Disney, `hs` Hulu, "
                "`ns` Netflix).",
                "ds1378",
                "ns1",
            ),
        ],
    ) -> StreamingTitle:
        return service.streaming_title(warehouse, title_id)
