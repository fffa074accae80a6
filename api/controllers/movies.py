"""`/movies`: films by title (views `api.movie_by_title`) and by id (`api.movie_details`, with
where to watch it)."""

from __future__ import annotations

from typing import Annotated, Any

from litestar import Controller, get
from litestar.datastructures import State
from litestar.params import Parameter

from api import lookup
from api.db import MAY_RUN_LONG, POINT_LOOKUP, Warehouse
from api.docs import id_parameter, name_parameter, responses
from api.problems import UnknownName
from api.schemas import (
    CastMember,
    Collection,
    Company,
    Country,
    Genre,
    Language,
    MovieDetails,
    MovieItem,
    MoviePage,
    OtraCoincidencia,
    Person,
    StreamingAvailability,
)

#: Similarity a title key needs to be offered by the typo-tolerant fallback.
FUZZY_MIN_SIMILARITY = 0.8
FUZZY_MAX_FILMS = 20

_MOVIE_COLUMNS = (
    "movie_id, title, release_date, release_year, popularity, vote_count, vote_average, runtime"
)

FILMS_BY_TITLE = f"""
select title_rank, {_MOVIE_COLUMNS}
from {{db}}.api.movie_by_title
where title_key = $key
"""

FILMS_NEAR_TITLE = f"""
with scored as (
    select {_MOVIE_COLUMNS}, jaro_winkler_similarity(title_key, $key) as similarity
    from {{db}}.api.movie_by_title
)
select {_MOVIE_COLUMNS}
from scored
where similarity >= {FUZZY_MIN_SIMILARITY}
order by similarity desc, popularity desc nulls last, movie_id
limit {FUZZY_MAX_FILMS}
"""

MOVIE_DETAILS = """
select
    movie_id, title, original_language, overview, tagline, status, release_date,
    release_year, budget, revenue, "return", runtime, popularity, vote_average, vote_count,
    collection_id, collection_name, genres, companies, countries, spoken_languages,
    directors, top_cast, available_on
from {db}.api.movie_details
where movie_id = $movie_id
"""


def _item(row: tuple[Any, ...]) -> MovieItem:
    return MovieItem(*row[:8])


def films_by_title(warehouse: Warehouse, key: str) -> list[MovieItem]:
    """Films whose title key is `key`, most popular first (the view's title_rank)."""
    return [_item(row) for row in lookup.by_rank(warehouse.fetch_all(FILMS_BY_TITLE, {"key": key}))]


def film_by_title(warehouse: Warehouse, title: str) -> tuple[MovieItem, list[OtraCoincidencia]]:
    """The most popular film titled `title`, and the others with that title; 404 if none."""
    key = lookup.clean_argument(title, "title")
    films = films_by_title(warehouse, key)
    if not films:
        raise UnknownName("film titled", title, lookup.suggest(warehouse, lookup.TITLES, key))
    others = [
        OtraCoincidencia(
            movie_id=film.movie_id,
            title=film.title,
            release_year=film.release_year,
            popularity=film.popularity,
        )
        for film in films[1:]
    ]
    return films[0], others


def search_movies(warehouse: Warehouse, title: str, limit: int, offset: int) -> MoviePage:
    key = lookup.clean_argument(title, "title")
    match = "exact"
    films = films_by_title(warehouse, key)
    if not films:
        match = "fuzzy"
        films = [_item(row) for row in warehouse.fetch_all(FILMS_NEAR_TITLE, {"key": key})]
        if not films:
            match = "none"
    return MoviePage(
        items=films[offset : offset + limit],
        limit=limit,
        offset=offset,
        total=len(films),
        match=match,
    )


def movie_details(warehouse: Warehouse, movie_id: int) -> MovieDetails:
    row = warehouse.fetch_one(MOVIE_DETAILS, {"movie_id": movie_id})
    if row is None:
        raise UnknownName("film", f"id {movie_id}", [])
    (
        movie_id, title, original_language, overview, tagline, status, release_date,
        release_year, budget, revenue, return_, runtime, popularity, vote_average, vote_count,
        collection_id, collection_name, genres, companies, countries, spoken_languages,
        directors, top_cast, available_on,
    ) = row  # fmt: skip
    return MovieDetails(
        movie_id=movie_id,
        title=title,
        original_language=original_language,
        overview=overview,
        tagline=tagline,
        status=status,
        release_date=release_date,
        release_year=release_year,
        budget=budget,
        revenue=revenue,
        return_=return_,
        runtime=runtime,
        popularity=popularity,
        vote_average=vote_average,
        vote_count=vote_count,
        collection=(
            Collection(collection_id=collection_id, name=collection_name)
            if collection_id is not None
            else None
        ),
        genres=[Genre(**genre) for genre in genres],
        companies=[Company(**company) for company in companies],
        countries=[Country(**country) for country in countries],
        spoken_languages=[Language(**language) for language in spoken_languages],
        directors=[Person(**person) for person in directors],
        top_cast=[CastMember(**member) for member in top_cast],
        available_on=[StreamingAvailability(**title) for title in available_on],
    )


_TOY_STORY_ITEM = {
    "movie_id": 862,
    "title": "Toy Story",
    "release_date": "1995-10-30",
    "release_year": 1995,
    "popularity": 21.946943,
    "vote_count": 5415,
    "vote_average": 7.7,
    "runtime": 81,
}


class MoviesController(Controller):
    path = "/movies"
    tags = ("movies",)

    @get(
        "/",
        sync_to_thread=POINT_LOOKUP,
        cache=True,
        summary="Films by title",
        description=(
            "Films whose title key (lower-case, no accents, single spaces) equals the "
            "argument's, most popular first. When none does, the closest titles "
            "(Jaro-Winkler similarity >= 0.8, `match` = `fuzzy`)."
        ),
        responses=responses(
            MoviePage,
            {"items": [_TOY_STORY_ITEM], "limit": 20, "offset": 0, "total": 1, "match": "exact"},
            summary="GET /movies?title=toy story",
        ),
    )
    def search(
        self,
        state: State,
        title: Annotated[
            str,
            name_parameter(
                "A film title, any case, with or without accents.", "Toy Story", "12 angry men"
            ),
        ],
        limit: Annotated[int, Parameter(ge=1, le=100, description="Page size.")] = 20,
        offset: Annotated[int, Parameter(ge=0, le=100_000, description="Films skipped.")] = 0,
    ) -> MoviePage:
        return search_movies(state.warehouse, title, limit, offset)

    @get(
        "/{movie_id:int}",
        sync_to_thread=MAY_RUN_LONG,
        cache=True,
        summary="One film with its genres, collection, companies, countries, languages, "
        "directors, top cast and where to watch it",
        description=(
            "`available_on` lists the streaming titles that are this film (same title key, "
            "release year within 1), by platform; empty when none."
        ),
        responses=responses(
            MovieDetails,
            {
                **_TOY_STORY_ITEM,
                "original_language": "en",
                "overview": None,
                "tagline": None,
                "status": None,
                "budget": 30000000,
                "revenue": 373554033,
                "return": 12.4518011,
                "collection": {"collection_id": 10194, "name": "Toy Story Collection"},
                "genres": [
                    {"genre_id": 16, "name": "Animation"},
                    {"genre_id": 35, "name": "Comedy"},
                    {"genre_id": 10751, "name": "Family"},
                ],
                "companies": [{"company_id": 3, "name": "Pixar Animation Studios"}],
                "countries": [{"country_code": "US", "name": "United States of America"}],
                "spoken_languages": [{"language_code": "en", "name": "English"}],
                "directors": [{"person_id": 7879, "name": "John Lasseter"}],
                "top_cast": [{"person_id": 31, "name": "Tom Hanks", "character": "Woody (voice)"}],
                "available_on": [
                    {"platform": "disney", "title_id": "ds1378", "score": 3.392638036809816}
                ],
            },
            summary="GET /movies/862",
            not_found=("No film matches 'id 99999999'.", []),
            invalid="Validation failed for GET /movies/0",
        ),
    )
    def details(
        self,
        state: State,
        movie_id: Annotated[int, id_parameter("TMDB movie id.", 862, 389)],
    ) -> MovieDetails:
        return movie_details(state.warehouse, movie_id)
