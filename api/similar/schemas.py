"""Response bodies of the similar films and titles, and the rows they are built from."""

from __future__ import annotations

from typing import Literal

import msgspec


class SharedWithFilm(msgspec.Struct):
    """What a suggested film shares with the film: genres, keywords, people (directors and
    top-billed cast), each sorted."""

    genres: list[str]
    keywords: list[str]
    people: list[str]


class SimilarFilm(msgspec.Struct, kw_only=True, omit_defaults=True):
    """A suggested film. `rank` (its place in the unfiltered list, 1 = most similar) is
    given only when a filter is: without one the items are ranks 1, 2, ... in order."""

    rank: int | None = None
    movie_id: int
    title: str | None
    release_year: int | None
    score: float
    shared: SharedWithFilm
    same_collection: bool


class SimilarFilms(msgspec.Struct):
    """The films most similar to a film, most similar first (`score` in [0, 1])."""

    movie_id: int
    title: str | None
    items: list[SimilarFilm]


class SharedWithTitle(msgspec.Struct):
    """What a suggested title shares with the title: genres (listed_in), people (cast and
    directors), production countries, each sorted."""

    genres: list[str]
    people: list[str]
    countries: list[str]


class SimilarTitle(msgspec.Struct, kw_only=True, omit_defaults=True):
    """A suggested title. `rank` (its place in the unfiltered list, 1 = most similar) is
    given only when a filter is: without one the items are ranks 1, 2, ... in order."""

    rank: int | None = None
    title_id: str
    title: str
    platform: str
    type: Literal["movie", "tv show"]
    release_year: int
    score: float
    shared: SharedWithTitle
    same_director: bool


class SimilarTitles(msgspec.Struct):
    """The streaming titles most similar to a title, any platform, most similar first."""

    title_id: str
    title: str
    items: list[SimilarTitle]


# -- rows of the statements (not response bodies) --------------------------------------------


class FilmSuggestion(msgspec.Struct):
    """A row of FILM_SUGGESTIONS (`rank` null: the film has no suggestions)."""

    rank: int | None
    title: str | None
    similar_movie_id: int | None
    similar_title: str | None
    similar_release_year: int | None
    score: float | None
    shared_genres: list[str] | None
    shared_keywords: list[str] | None
    shared_people: list[str] | None
    same_collection: bool | None


class TitleSuggestion(msgspec.Struct):
    """A row of TITLE_SUGGESTIONS (`rank` null: the title has no suggestions)."""

    rank: int | None
    title: str
    similar_title_id: str | None
    similar_title: str | None
    similar_platform: str | None
    similar_type: str | None
    similar_release_year: int | None
    score: float | None
    shared_genres: list[str] | None
    shared_people: list[str] | None
    shared_countries: list[str] | None
    same_director: bool | None
