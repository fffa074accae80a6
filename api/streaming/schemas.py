"""Response bodies of `/streaming`, and the rows some are built from."""

from __future__ import annotations

from datetime import date
from typing import Literal

import msgspec


class LongestMovie(msgspec.Struct):
    """The longest streaming movie for the filters (ties by title)."""

    title_id: str
    title: str
    platform: str
    release_year: int
    duration_int: int
    duration_type: Literal["min", "season"]


class ScoreCount(msgspec.Struct):
    """Movies of a platform released in `year` with a mean user score strictly above
    `scored`."""

    platform: str
    year: int
    scored: float
    movies: int


class PlatformCounts(msgspec.Struct):
    platform: str
    movies: int
    tv_shows: int


class TopActor(msgspec.Struct):
    """The actor in most titles (all types) of a platform, in a release year or, with `year`
    null, all years; ties by name."""

    platform: str
    year: int | None
    actor: str
    appearances: int


class CountryTitles(msgspec.Struct):
    """Titles produced in a country, of a type (null = all) released in a year (null = all)."""

    country: str
    type: Literal["movie", "tv show"] | None
    year: int | None
    titles: int


class RatingTitles(msgspec.Struct):
    """Titles (all platforms and types) with a maturity rating."""

    rating: str
    titles: int


class LinkedMovie(msgspec.Struct):
    """The TMDB film a streaming movie is (`match_quality`: how the link was made)."""

    movie_id: int
    title: str | None
    release_year: int | None
    match_quality: Literal["title_and_year", "title_and_year_within_1", "ambiguous_resolved"]


class StreamingTitleFacts(msgspec.Struct):
    """The catalogue's own fields of a title: the first fields of both the row of
    TITLE_DETAILS and the answer built from it, declared once."""

    title_id: str
    platform: str
    show_id: str
    type: Literal["movie", "tv show"]
    title: str
    director: str | None
    cast: str | None
    country: str | None
    date_added: date | None
    release_year: int
    rating: str
    duration_int: int | None
    duration_type: Literal["min", "season"] | None
    listed_in: str | None
    description: str | None
    score: float | None


class StreamingTitle(StreamingTitleFacts):
    """A title of a streaming catalogue, every text lower-case as the catalogues are, and its
    TMDB film when linked."""

    movie: LinkedMovie | None


# -- rows of the statements (not response bodies) --------------------------------------------


class MovieCount(msgspec.Struct):
    """The row of SCORE_COUNT."""

    movies: int


class CountryRows(msgspec.Struct):
    """The row of COUNTRY_TITLES: the count asked for (null when no row has it) and how many
    rows the country has (0: an unknown country)."""

    titles: int | None
    country_rows: int


class StreamingTitleRow(StreamingTitleFacts):
    """A row of TITLE_DETAILS: the title, then its linked film's columns (null when none)."""

    movie_id: int | None
    movie_title: str | None
    movie_release_year: int | None
    match_quality: str | None


class TitleMatch(msgspec.Struct):
    """A streaming title found by name (a row of TITLES_BY_TITLE without its title_rank)."""

    title_id: str
    title: str
    platform: str
    type: str
    release_year: int
    score: float | None
