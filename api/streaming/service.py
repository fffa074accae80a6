"""Questions about the streaming catalogues: arguments parsed, statements run, answers built."""

from __future__ import annotations

from api import lookup
from api.db import Warehouse
from api.problems import InvalidArgument, NoMatch, UnknownName
from api.streaming import queries
from api.streaming.schemas import (
    CountryRows,
    CountryTitles,
    LinkedMovie,
    LongestMovie,
    MovieCount,
    PlatformCounts,
    RatingTitles,
    ScoreCount,
    StreamingTitle,
    StreamingTitleFacts,
    StreamingTitleRow,
    TitleMatch,
    TopActor,
)

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


def allowed(keys: dict[str, str]) -> str:
    """The accepted spellings, for a 400's detail and a parameter's description."""
    return ", ".join(keys)


INVALID_PLATFORM = f"platform must be one of {allowed(PLATFORM_KEYS)} (any case)."
INVALID_TITLE_TYPE = f"type must be one of {allowed(TITLE_TYPE_KEYS)} (any case)."
NO_CAST = "Hulu's catalogue lists no cast for any title, so it has no most frequent actor."


def parse_platform(raw: str) -> str:
    """The platform (`amazon`, `disney`, `hulu`, `netflix`) a name means; 400 otherwise."""
    platform = PLATFORM_KEYS.get(lookup.clean_argument(raw, "platform"))
    if platform is None:
        raise InvalidArgument(INVALID_PLATFORM)
    return platform


def parse_duration_type(raw: str) -> str:
    """`min` or `season` (`seasons` too), any case; 400 otherwise."""
    duration_type = DURATION_TYPE_KEYS.get(lookup.clean_argument(raw, "duration_type"))
    if duration_type is None:
        raise InvalidArgument(
            f"duration_type must be one of {allowed(DURATION_TYPE_KEYS)} (any case)."
        )
    return duration_type


def parse_title_type(raw: str) -> str:
    """`movie` or `tv show` (and their usual spellings), any case; 400 otherwise."""
    title_type = TITLE_TYPE_KEYS.get(lookup.clean_argument(raw, "type"))
    if title_type is None:
        raise InvalidArgument(INVALID_TITLE_TYPE)
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
    """The longest movie for the filters, in minutes unless `duration_type` says seasons;
    404 NoMatch when no movie passes them."""
    platform_key = parse_platform(platform) if platform is not None else None
    unit = (
        parse_duration_type(duration_type) if duration_type is not None else DEFAULT_DURATION_TYPE
    )
    movie = warehouse.fetch_struct(
        queries.LONGEST_MOVIE,
        {"year": year, "platform": platform_key, "duration_type": unit},
        LongestMovie,
    )
    if movie is None:
        filters = _filters(platform_key, year)
        raise NoMatch(
            f"No movie {filters + ' ' if filters else ''}has a duration in "
            f"{'minutes' if unit == 'min' else 'seasons'}."
        )
    return movie


def score_count(warehouse: Warehouse, platform: str, scored: float, year: int) -> ScoreCount:
    """Movies of the platform released in `year` scored strictly above `scored` (0 counts)."""
    platform_key = parse_platform(platform)
    count = warehouse.fetch_struct(
        queries.SCORE_COUNT, {"platform": platform_key, "year": year, "scored": scored}, MovieCount
    )
    assert count is not None  # count(*): always one row
    return ScoreCount(platform=platform_key, year=year, scored=scored, movies=count.movies)


def platform_counts(warehouse: Warehouse, platform: str) -> PlatformCounts:
    """Movies and TV shows of the platform (0 and 0 for one whose catalogue is empty)."""
    platform_key = parse_platform(platform)
    counts = warehouse.fetch_struct(
        queries.PLATFORM_COUNTS, {"platform": platform_key}, PlatformCounts
    )
    return counts or PlatformCounts(platform=platform_key, movies=0, tv_shows=0)


def top_actor(warehouse: Warehouse, platform: str, year: int | None) -> TopActor:
    """The actor in most titles of the platform (in `year`, or all years when None); 404
    NoMatch when no title there lists its cast (all of Hulu)."""
    platform_key = parse_platform(platform)
    actor = warehouse.fetch_struct(
        queries.TOP_ACTOR, {"platform": platform_key, "year": year}, TopActor
    )
    if actor is None:
        if platform_key == "hulu":
            raise NoMatch(NO_CAST)
        raise NoMatch(f"No title {_filters(platform_key, year)} lists its cast.")
    return actor


def country_titles(
    warehouse: Warehouse, country: str, title_type: str | None, year: int | None
) -> CountryTitles:
    """Titles produced in the country, of a type and released in a year (None: all); 0 is an
    answer, a country the catalogues never name a 404 with suggestions."""
    key = lookup.clean_argument(country, "country")
    type_key = parse_title_type(title_type) if title_type is not None else None
    found = warehouse.fetch_struct(
        queries.COUNTRY_TITLES, {"country": key, "type": type_key, "year": year}, CountryRows
    )
    if found is None or found.country_rows == 0:
        raise UnknownName(
            "country in the streaming catalogues",
            country,
            lookup.suggest(warehouse, lookup.STREAMING_COUNTRIES, key),
        )
    return CountryTitles(country=key, type=type_key, year=year, titles=found.titles or 0)


def rating_titles(warehouse: Warehouse, rating: str) -> RatingTitles:
    """Titles with the maturity rating; 404 with suggestions for a rating never used."""
    key = lookup.clean_argument(rating, "rating")
    found = warehouse.fetch_struct(queries.RATING_TITLES, {"rating": key}, RatingTitles)
    if found is None:
        raise UnknownName(
            "maturity rating", rating, lookup.suggest(warehouse, lookup.STREAMING_RATINGS, key)
        )
    return found


def streaming_title(warehouse: Warehouse, title_id: str) -> StreamingTitle:
    """The title with this id and the TMDB film it is, when linked; 404 if none."""
    key = lookup.clean_argument(title_id, "title id")
    row = warehouse.fetch_struct(queries.TITLE_DETAILS, {"title_id": key}, StreamingTitleRow)
    if row is None:
        raise UnknownName("streaming title", f"id {title_id}", [])
    movie = (
        LinkedMovie(
            movie_id=row.movie_id,
            title=row.movie_title,
            release_year=row.movie_release_year,
            match_quality=row.match_quality,
        )
        if row.movie_id is not None
        else None
    )
    facts = {name: getattr(row, name) for name in StreamingTitleFacts.__struct_fields__}
    return StreamingTitle(
        **facts,
        movie=movie,
    )


def streaming_title_by_name(
    warehouse: Warehouse, title: str
) -> tuple[TitleMatch, list[TitleMatch]]:
    """The streaming title a name answers with (highest user score, then smallest title_id:
    the view's title_rank) and the others sharing its key; 404 with suggestions if none."""
    key = lookup.clean_argument(title, "title")
    titles = warehouse.fetch_structs(
        queries.TITLES_BY_TITLE, {"key": key}, TitleMatch, rank="title_rank"
    )
    if not titles:
        raise UnknownName(
            "streaming title", title, lookup.suggest(warehouse, lookup.STREAMING_TITLES, key)
        )
    return titles[0], titles[1:]
