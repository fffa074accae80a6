"""`/streaming`: the Amazon Prime Video, Disney+, Hulu and Netflix catalogues (views
`api.streaming_longest_movie`, `streaming_score_counts`, `streaming_platform_counts`,
`streaming_top_actors`, `streaming_country_counts`, `streaming_rating_counts`,
`streaming_title_details`, `streaming_title_by_title`).

The catalogues' text is lower-case, so answers are too. Arguments are matched on their key
(api.lookup.name_key: any case, accents optional). Platforms go by their usual names
(`amazon`, `prime`, `amazon prime`, `prime video`; `disney`, `disney+`, `disney plus`; `hulu`;
`netflix`); a platform, duration type or content type outside those is a 400 listing them.
When valid arguments select no title or actor the answer is a 404 `NoMatch` saying why, never
a null; a count of 0 is an answer.
"""

from __future__ import annotations

from typing import Annotated, Any

from litestar import Controller, get
from litestar.datastructures import State
from litestar.openapi.spec import Example
from litestar.params import Parameter, QueryParameter

from api import lookup
from api.db import MAY_RUN_LONG, Warehouse
from api.docs import name_parameter, responses
from api.problems import InvalidArgument, NoMatch, UnknownName
from api.schemas import (
    CountryTitles,
    LinkedMovie,
    LongestMovie,
    OtroTitulo,
    PlatformCounts,
    RatingTitles,
    ScoreCount,
    StreamingTitle,
    TopActor,
)

#: Release years a request may name (the catalogues span 1920-2021).
MIN_YEAR = 1800
MAX_YEAR = 2100
#: Scores are mean user ratings on a 0.5-5 scale.
MAX_SCORE = 5

PLATFORM_NAMES = {
    "amazon": "Amazon Prime Video",
    "disney": "Disney+",
    "hulu": "Hulu",
    "netflix": "Netflix",
}
PLATFORM_KEYS = {
    "amazon": "amazon",
    "prime": "amazon",
    "amazon prime": "amazon",
    "prime video": "amazon",
    "amazon prime video": "amazon",
    "disney": "disney",
    "disney+": "disney",
    "disney plus": "disney",
    "hulu": "hulu",
    "netflix": "netflix",
}
DURATION_TYPE_KEYS = {"min": "min", "season": "season", "seasons": "season"}
TITLE_TYPE_KEYS = {
    "movie": "movie",
    "movies": "movie",
    "tv show": "tv show",
    "tv shows": "tv show",
    "tv_show": "tv show",
    "tv-show": "tv show",
}
#: Without a duration type the longest movie is measured in minutes: comparing minutes with
#: seasons (a few Hulu "movies" are listed in seasons) is meaningless.
DEFAULT_DURATION_TYPE = "min"

LONGEST_MOVIE = """
select title_id, title, platform, release_year, duration_int, duration_type
from {db}.api.streaming_longest_movie
where
    duration_type = $duration_type
    and ($platform is null or platform = $platform)
    and ($year is null or release_year = $year)
order by duration_int desc, title asc, title_id asc
limit 1
"""

SCORE_COUNT = """
select count(*)
from {db}.api.streaming_score_counts
where platform = $platform and release_year = $year and score > $scored
"""

PLATFORM_COUNTS = """
select movies, tv_shows
from {db}.api.streaming_platform_counts
where platform = $platform
"""

TOP_ACTOR = """
select actor, appearances
from {db}.api.streaming_top_actors
where platform = $platform and release_year is not distinct from $year and actor_rank = 1
"""

# The country's rows (one per type x year, with the all-types and all-years totals): none
# means an unknown country; the filtered row's count, else 0, is the answer.
COUNTRY_TITLES = """
select
    max(titles) filter (
        where type is not distinct from $type and release_year is not distinct from $year
    ),
    count(*)
from {db}.api.streaming_country_counts
where country = $country
"""

RATING_TITLES = """
select rating, titles
from {db}.api.streaming_rating_counts
where rating = $rating
"""

TITLE_DETAILS = """
select
    title_id, platform, show_id, type, title, director, "cast", country, date_added,
    release_year, rating, duration_int, duration_type, listed_in, description, score,
    movie_id, movie_title, movie_release_year, match_quality
from {db}.api.streaming_title_details
where title_id = $title_id
"""

TITLES_BY_TITLE = """
select title_rank, title_id, title, platform, type, release_year, score
from {db}.api.streaming_title_by_title
where title_key = $key
"""


def _allowed(keys: dict[str, str]) -> str:
    return ", ".join(keys)


INVALID_PLATFORM = f"platform must be one of {_allowed(PLATFORM_KEYS)} (any case)."
NO_CAST = "Hulu's catalogue lists no cast for any title, so it has no most frequent actor."


def parse_platform(raw: str) -> str:
    """The platform (`amazon`, `disney`, `hulu`, `netflix`) a name means; 400 otherwise."""
    platform = PLATFORM_KEYS.get(lookup.clean_argument(raw, "platform"))
    if platform is None:
        raise InvalidArgument(INVALID_PLATFORM)
    return platform


def parse_duration_type(raw: str) -> str:
    duration_type = DURATION_TYPE_KEYS.get(lookup.clean_argument(raw, "duration_type"))
    if duration_type is None:
        raise InvalidArgument(
            f"duration_type must be one of {_allowed(DURATION_TYPE_KEYS)} (any case)."
        )
    return duration_type


def parse_title_type(raw: str) -> str:
    title_type = TITLE_TYPE_KEYS.get(lookup.clean_argument(raw, "type"))
    if title_type is None:
        raise InvalidArgument(f"type must be one of {_allowed(TITLE_TYPE_KEYS)} (any case).")
    return title_type


def _filters(platform: str | None, year: int | None) -> str:
    parts = []
    if platform is not None:
        parts.append(f"on {PLATFORM_NAMES[platform]}")
    if year is not None:
        parts.append(f"released in {year}")
    return " ".join(parts)


def longest_movie(
    warehouse: Warehouse, year: int | None, platform: str | None, duration_type: str | None
) -> LongestMovie:
    platform_key = parse_platform(platform) if platform is not None else None
    unit = (
        parse_duration_type(duration_type) if duration_type is not None else DEFAULT_DURATION_TYPE
    )
    row = warehouse.fetch_one(
        LONGEST_MOVIE, {"year": year, "platform": platform_key, "duration_type": unit}
    )
    if row is None:
        filters = _filters(platform_key, year)
        raise NoMatch(
            f"No movie {filters + ' ' if filters else ''}has a duration in "
            f"{'minutes' if unit == 'min' else 'seasons'}."
        )
    return LongestMovie(*row)


def score_count(warehouse: Warehouse, platform: str, scored: float, year: int) -> ScoreCount:
    platform_key = parse_platform(platform)
    rows = warehouse.fetch_all(
        SCORE_COUNT, {"platform": platform_key, "year": year, "scored": scored}
    )
    ((movies,),) = rows  # count(*): always one row
    return ScoreCount(platform=platform_key, year=year, scored=scored, movies=movies)


def platform_counts(warehouse: Warehouse, platform: str) -> PlatformCounts:
    platform_key = parse_platform(platform)
    row = warehouse.fetch_one(PLATFORM_COUNTS, {"platform": platform_key})
    movies, tv_shows = row if row is not None else (0, 0)
    return PlatformCounts(platform=platform_key, movies=movies, tv_shows=tv_shows)


def top_actor(warehouse: Warehouse, platform: str, year: int | None) -> TopActor:
    platform_key = parse_platform(platform)
    row = warehouse.fetch_one(TOP_ACTOR, {"platform": platform_key, "year": year})
    if row is None:
        if platform_key == "hulu":
            raise NoMatch(NO_CAST)
        raise NoMatch(f"No title {_filters(platform_key, year)} lists its cast.")
    actor, appearances = row
    return TopActor(platform=platform_key, year=year, actor=actor, appearances=appearances)


def country_titles(
    warehouse: Warehouse, country: str, title_type: str | None, year: int | None
) -> CountryTitles:
    key = lookup.clean_argument(country, "country")
    type_key = parse_title_type(title_type) if title_type is not None else None
    row = warehouse.fetch_one(COUNTRY_TITLES, {"country": key, "type": type_key, "year": year})
    if row is None or row[1] == 0:
        raise UnknownName(
            "country in the streaming catalogues",
            country,
            lookup.suggest(warehouse, lookup.STREAMING_COUNTRIES, key),
        )
    titles = row[0] or 0
    return CountryTitles(country=key, type=type_key, year=year, titles=titles)


def rating_titles(warehouse: Warehouse, rating: str) -> RatingTitles:
    key = lookup.clean_argument(rating, "rating")
    row = warehouse.fetch_one(RATING_TITLES, {"rating": key})
    if row is None:
        raise UnknownName(
            "maturity rating", rating, lookup.suggest(warehouse, lookup.STREAMING_RATINGS, key)
        )
    return RatingTitles(*row)


def streaming_title(warehouse: Warehouse, title_id: str) -> StreamingTitle:
    key = lookup.clean_argument(title_id, "title id")
    row = warehouse.fetch_one(TITLE_DETAILS, {"title_id": key})
    if row is None:
        raise UnknownName("streaming title", f"id {title_id}", [])
    *fields, movie_id, movie_title, movie_release_year, match_quality = row
    movie = (
        LinkedMovie(
            movie_id=movie_id,
            title=movie_title,
            release_year=movie_release_year,
            match_quality=match_quality,
        )
        if movie_id is not None
        else None
    )
    return StreamingTitle(*fields, movie=movie)


def streaming_title_by_name(
    warehouse: Warehouse, title: str
) -> tuple[OtroTitulo, list[OtroTitulo]]:
    """The streaming title a name answers with (highest user score, then smallest title_id:
    the view's title_rank) and the others sharing its key; 404 with suggestions if none."""
    key = lookup.clean_argument(title, "title")
    rows = lookup.by_rank(warehouse.fetch_all(TITLES_BY_TITLE, {"key": key}))
    if not rows:
        raise UnknownName(
            "streaming title", title, lookup.suggest(warehouse, lookup.STREAMING_TITLES, key)
        )
    titles = [OtroTitulo(*row) for row in rows]
    return titles[0], titles[1:]


def year_parameter(description: str, *examples: int) -> Any:
    """A documented release year parameter (MIN_YEAR to MAX_YEAR)."""
    return Parameter(
        description=description,
        ge=MIN_YEAR,
        le=MAX_YEAR,
        examples=[Example(value=value) for value in examples],
    )


def platform_parameter(*examples: str) -> Any:
    return name_parameter(
        "Streaming platform, any case: " + _allowed(PLATFORM_KEYS) + ".", *examples
    )


DURATION_TYPE_DESCRIPTION = (
    "`min` (minutes) or `season` / `seasons`, any case. Default `min`: comparing minutes "
    "with seasons is meaningless (a few Hulu movies are listed in seasons)."
)
TITLE_TYPE_PARAMETER = QueryParameter(
    name="type",
    description="`movie` or `tv show` (also `movies`, `tv shows`, `tv_show`, `tv-show`), any "
    "case; omitted = all types.",
    min_length=1,
    max_length=lookup.MAX_ARGUMENT_CHARS,
    pattern=lookup.NAME_PATTERN,
    examples=[Example(value="movie"), Example(value="TV Show")],
)
SCORED_PARAMETER = Parameter(
    description="Score threshold, 0 to 5: movies with a mean user score strictly greater count.",
    ge=0,
    le=MAX_SCORE,
    examples=[Example(value=3.5)],
)

LONGEST_MOVIE_EXAMPLE = {
    "title_id": "ns7923",
    "title": "sairat",
    "platform": "netflix",
    "release_year": 2016,
    "duration_int": 173,
    "duration_type": "min",
}
SCORE_COUNT_EXAMPLE = {"platform": "amazon", "year": 2014, "scored": 3.3, "movies": 286}
PLATFORM_COUNTS_EXAMPLE = {"platform": "amazon", "movies": 7814, "tv_shows": 1854}
TOP_ACTOR_EXAMPLE = {"platform": "netflix", "year": None, "actor": "anupam kher", "appearances": 43}
COUNTRY_TITLES_EXAMPLE = {"country": "india", "type": "movie", "year": 2019, "titles": 130}
RATING_TITLES_EXAMPLE = {"rating": "13+", "titles": 2117}
NO_LONGEST_MOVIE = "No movie on Netflix released in 1900 has a duration in minutes."


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
            LONGEST_MOVIE_EXAMPLE,
            summary="GET /streaming/longest-movie?platform=netflix&year=2016",
            invalid=INVALID_PLATFORM,
            no_match=NO_LONGEST_MOVIE,
        ),
    )
    def by_longest_movie(
        self,
        state: State,
        year: Annotated[int | None, year_parameter("Release year.", 2016)] = None,
        platform: Annotated[str | None, platform_parameter("netflix", "Prime Video")] = None,
        duration_type: Annotated[
            str | None, name_parameter(DURATION_TYPE_DESCRIPTION, "min", "seasons")
        ] = None,
    ) -> LongestMovie:
        return longest_movie(state.warehouse, year, platform, duration_type)

    @get(
        "/score-count",
        sync_to_thread=MAY_RUN_LONG,
        cache=True,
        summary="Movies of a platform and release year with a mean user score above a threshold",
        description="Counts movies whose score is strictly greater than `scored`; 0 is an answer.",
        responses=responses(
            ScoreCount,
            SCORE_COUNT_EXAMPLE,
            summary="GET /streaming/score-count?platform=amazon&scored=3.3&year=2014",
            invalid=INVALID_PLATFORM,
        ),
    )
    def by_score(
        self,
        state: State,
        platform: Annotated[str, platform_parameter("amazon", "Netflix")],
        scored: Annotated[float, SCORED_PARAMETER],
        year: Annotated[int, year_parameter("Release year.", 2014)],
    ) -> ScoreCount:
        return score_count(state.warehouse, platform, scored, year)

    @get(
        "/platforms/{platform:str}",
        sync_to_thread=MAY_RUN_LONG,
        cache=True,
        summary="Movies and TV shows of a platform",
        responses=responses(
            PlatformCounts,
            PLATFORM_COUNTS_EXAMPLE,
            summary="GET /streaming/platforms/amazon",
            invalid=INVALID_PLATFORM,
        ),
    )
    def by_platform(
        self, state: State, platform: Annotated[str, platform_parameter("amazon", "Disney+")]
    ) -> PlatformCounts:
        return platform_counts(state.warehouse, platform)

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
            TOP_ACTOR_EXAMPLE,
            summary="GET /streaming/top-actor?platform=netflix",
            invalid=INVALID_PLATFORM,
            no_match=NO_CAST,
        ),
    )
    def by_actor(
        self,
        state: State,
        platform: Annotated[str, platform_parameter("netflix", "amazon")],
        year: Annotated[
            int | None, year_parameter("Release year; omitted = all years.", 2018)
        ] = None,
    ) -> TopActor:
        return top_actor(state.warehouse, platform, year)

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
            COUNTRY_TITLES_EXAMPLE,
            summary="GET /streaming/countries/india?type=movie&year=2019",
            not_found=(
                "No country in the streaming catalogues matches 'indai'.",
                ["india", "indonesia"],
            ),
            invalid="type must be one of movie, movies, tv show, tv shows, tv_show, tv-show "
            "(any case).",
        ),
    )
    def by_country(
        self,
        state: State,
        country: Annotated[
            str, name_parameter("Production country, as in the catalogues.", "india", "Spain")
        ],
        title_type: Annotated[str | None, TITLE_TYPE_PARAMETER] = None,
        year: Annotated[
            int | None, year_parameter("Release year; omitted = all years.", 2019)
        ] = None,
    ) -> CountryTitles:
        return country_titles(state.warehouse, country, title_type, year)

    @get(
        "/ratings/{rating:str}",
        sync_to_thread=MAY_RUN_LONG,
        cache=True,
        summary="Titles (all platforms and types) with a maturity rating",
        responses=responses(
            RatingTitles,
            RATING_TITLES_EXAMPLE,
            summary="GET /streaming/ratings/13+",
            not_found=("No maturity rating matches 'pg13'.", ["pg-13", "pg"]),
        ),
    )
    def by_rating(
        self,
        state: State,
        rating: Annotated[
            str, name_parameter("Maturity rating as listed, any case.", "13+", "TV-MA")
        ],
    ) -> RatingTitles:
        return rating_titles(state.warehouse, rating)

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
            {
                "title_id": "ds1378",
                "platform": "disney",
                "show_id": "s1378",
                "type": "movie",
                "title": "toy story",
                "director": "john lasseter",
                "cast": "tom hanks, tim allen, don rickles, jim varney, wallace shawn, "
                "john ratzenberger",
                "country": "united states",
                "date_added": "2019-11-12",
                "release_year": 1995,
                "rating": "g",
                "duration_int": 83,
                "duration_type": "min",
                "listed_in": "action-adventure, animation, buddy",
                "description": "meet woody, buzz and the gang in an adventure full of humor "
                "and heart.",
                "score": 3.392638036809816,
                "movie": {
                    "movie_id": 862,
                    "title": "Toy Story",
                    "release_year": 1995,
                    "match_quality": "title_and_year",
                },
            },
            summary="GET /streaming/titles/ds1378",
            not_found=("No streaming title matches 'id xs1'.", []),
        ),
    )
    def by_id(
        self,
        state: State,
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
        return streaming_title(state.warehouse, title_id)
