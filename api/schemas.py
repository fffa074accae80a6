"""Response bodies (msgspec Structs). Field names are the API contract (issue 4)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

import msgspec

# -- movies -------------------------------------------------------------------------------------


class MovieItem(msgspec.Struct):
    """A film found by title."""

    movie_id: int
    title: str
    release_date: date | None
    release_year: int | None
    popularity: float | None
    vote_count: int | None
    vote_average: float | None
    runtime: int | None


class MoviePage(msgspec.Struct):
    """Films whose title key is the argument's, most popular first (`match` = `exact`); when
    none is, the closest titles (`match` = `fuzzy`), else none (`match` = `none`)."""

    items: list[MovieItem]
    limit: int
    offset: int
    total: int
    match: Literal["exact", "fuzzy", "none"]


class Genre(msgspec.Struct):
    genre_id: int
    name: str | None


class Collection(msgspec.Struct):
    collection_id: int
    name: str | None


class Company(msgspec.Struct):
    company_id: int
    name: str | None


class Country(msgspec.Struct):
    country_code: str
    name: str | None


class Language(msgspec.Struct):
    language_code: str
    name: str | None


class Person(msgspec.Struct):
    person_id: int
    name: str | None


class CastMember(msgspec.Struct):
    person_id: int
    name: str | None
    character: str | None


class StreamingAvailability(msgspec.Struct):
    """A streaming title that is this film: where to watch it (`score` = mean user rating)."""

    platform: str
    title_id: str
    score: float | None


class MovieDetails(msgspec.Struct):
    """One film with its genres, collection, companies, countries, languages, directors, top
    ten billed cast, and the streaming titles that are this film (`available_on`)."""

    movie_id: int
    title: str | None
    original_language: str | None
    overview: str | None
    tagline: str | None
    status: str | None
    release_date: date | None
    release_year: int | None
    budget: int | None
    revenue: int | None
    return_: float | None = msgspec.field(name="return")
    runtime: int | None = None
    popularity: float | None = None
    vote_average: float | None = None
    vote_count: int | None = None
    collection: Collection | None = None
    genres: list[Genre] = []
    companies: list[Company] = []
    countries: list[Country] = []
    spoken_languages: list[Language] = []
    directors: list[Person] = []
    top_cast: list[CastMember] = []
    available_on: list[StreamingAvailability] = []


# -- releases -----------------------------------------------------------------------------------


class MonthReleases(msgspec.Struct):
    """Films released in a calendar month, all years together."""

    month: int
    month_en: str
    month_es: str
    films: int


class WeekdayReleases(msgspec.Struct):
    """Films released on an ISO weekday (1 = Monday ... 7 = Sunday), all years together."""

    weekday: int
    weekday_en: str
    weekday_es: str
    films: int


# -- people -------------------------------------------------------------------------------------


class Alternative(msgspec.Struct):
    """Another person, collection or company with the same name key (fewer films)."""

    id: int
    name: str | None
    films: int


class ActorSuccess(msgspec.Struct):
    """An actor's return over cast credits in films they did not direct; `alternatives` lists
    other people with the same name key."""

    person_id: int
    actor: str
    films: int
    total_return: float
    average_return: float
    alternatives: list[Alternative] = []


class DirectorMovie(msgspec.Struct):
    movie_id: int
    title: str | None
    release_date: date | None
    return_: float | None = msgspec.field(name="return")
    budget: int | None = None
    revenue: int | None = None


class DirectorSuccess(msgspec.Struct):
    """A director's return and every film they directed, by release date."""

    person_id: int
    director: str
    films: int
    total_return: float
    average_return: float
    movies: list[DirectorMovie]
    alternatives: list[Alternative] = []


# -- languages, countries, franchises, companies ------------------------------------------------


class LanguageFilms(msgspec.Struct):
    """Films whose original language is this one."""

    code: str
    language: str | None
    language_es: str | None
    films: int


class CountryFilms(msgspec.Struct):
    """Distinct films produced in this country."""

    code: str
    country: str | None
    country_es: str | None
    films: int


class FranchiseSuccess(msgspec.Struct):
    """Films and revenue of a collection; the mean counts films with revenue 0."""

    collection_id: int
    franchise: str
    films: int
    total_revenue: int
    average_revenue: float
    alternatives: list[Alternative] = []


class CompanySuccess(msgspec.Struct):
    """Distinct films and total revenue of a production company."""

    company_id: int
    company: str
    films: int
    total_revenue: int
    alternatives: list[Alternative] = []


# -- health -------------------------------------------------------------------------------------


class RowCounts(msgspec.Struct):
    movies: int
    people: int
    cast_credits: int
    crew_credits: int
    collections: int
    companies: int
    ratings: int


class CacheStats(msgspec.Struct):
    """Answers kept in memory (builds are immutable): query results of the current build
    (`entries`, with approximate `hits` / `misses`) and whole responses (`responses`)."""

    entries: int
    hits: int
    misses: int
    responses: int


class Health(msgspec.Struct):
    """The build the API answers from."""

    status: Literal["ok"]
    warehouse_path: str
    warehouse_file: str
    attached_at: datetime
    build_started_at: datetime | None
    build_finished_at: datetime | None
    dbt_version: str | None
    duckdb_version: str | None
    row_counts: RowCounts
    switches: int
    cache: CacheStats


# -- the statement's Spanish routes -------------------------------------------------------------


class OtraCoincidencia(msgspec.Struct):
    """Another film with the same title key (less popular)."""

    movie_id: int
    title: str
    release_year: int | None
    popularity: float | None


class MesRespuesta(MonthReleases, kw_only=True):
    mensaje: str


class DiaRespuesta(WeekdayReleases, kw_only=True):
    mensaje: str


class ScoreTitulo(msgspec.Struct):
    movie_id: int
    title: str
    release_year: int | None
    popularity: float | None
    mensaje: str
    otras_coincidencias: list[OtraCoincidencia] = []


class VotosTitulo(msgspec.Struct, omit_defaults=True):
    """Votes of a film; `vote_count` and `vote_average` only when it has at least 2000 votes."""

    movie_id: int
    title: str
    release_year: int | None
    cumple_condicion: bool
    mensaje: str
    otras_coincidencias: list[OtraCoincidencia]
    vote_count: int | None = None
    vote_average: float | None = None


class DuracionPelicula(msgspec.Struct):
    movie_id: int
    title: str
    runtime: int | None
    release_year: int | None
    mensaje: str
    otras_coincidencias: list[OtraCoincidencia] = []


class ActorRespuesta(ActorSuccess, kw_only=True):
    mensaje: str


class DirectorRespuesta(DirectorSuccess, kw_only=True):
    mensaje: str


class IdiomaRespuesta(LanguageFilms, kw_only=True):
    mensaje: str


class FranquiciaRespuesta(FranchiseSuccess, kw_only=True):
    mensaje: str


class PaisRespuesta(CountryFilms, kw_only=True):
    mensaje: str


class ProductoraRespuesta(CompanySuccess, kw_only=True):
    mensaje: str


# -- streaming catalogues (issue 5) -------------------------------------------------------------


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


class StreamingTitle(msgspec.Struct):
    """A title of a streaming catalogue, every text lower-case as the catalogues are, and its
    TMDB film when linked."""

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
    movie: LinkedMovie | None


# -- similar films and titles (issue 6) ---------------------------------------------------------


class SharedWithFilm(msgspec.Struct):
    """What a suggested film shares with the film: genres, keywords, people (directors and
    top-billed cast), each sorted."""

    genres: list[str]
    keywords: list[str]
    people: list[str]


class SimilarFilm(msgspec.Struct):
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


class SimilarTitle(msgspec.Struct):
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


# -- the statements' Spanish routes for streaming and recommendations ---------------------------


class DuracionMaxima(LongestMovie, kw_only=True):
    mensaje: str


class ScoreRespuesta(ScoreCount, kw_only=True):
    mensaje: str


class PlataformaRespuesta(PlatformCounts, kw_only=True):
    mensaje: str


class ActorPlataformaRespuesta(TopActor, kw_only=True):
    mensaje: str


class PaisContenidos(CountryTitles, kw_only=True):
    mensaje: str


class ClasificacionRespuesta(RatingTitles, kw_only=True):
    mensaje: str


class RecomendacionPelicula(msgspec.Struct):
    """Five films similar to the most popular film titled `titulo`, most similar first."""

    titulo: str
    movie_id: int
    recomendaciones: list[str]
    mensaje: str
    otras_coincidencias: list[OtraCoincidencia] = []


class OtroTitulo(msgspec.Struct):
    """Another streaming title with the same title key (lower score, or same score and a
    larger title_id)."""

    title_id: str
    title: str
    platform: str
    type: Literal["movie", "tv show"]
    release_year: int
    score: float | None


class RecomendacionStreaming(msgspec.Struct):
    """Five streaming titles similar to the title named `titulo`, most similar first."""

    title_id: str
    titulo: str
    platform: str
    recomendacion: list[str]
    mensaje: str
    otras_coincidencias: list[OtroTitulo] = []


# -- recommendations for users (issue 7) --------------------------------------------------------


class UserRecommendation(msgspec.Struct):
    """A recommended film; `reason` names the rated films that led to it."""

    movie_id: int
    title: str | None
    score: float
    reason: str


class UserRecommendations(msgspec.Struct):
    """A MovieLens user's recommendations, best first (films the user rated are never listed)."""

    user_id: int
    items: list[UserRecommendation]


class RatedFilm(msgspec.Struct):
    """One rating of a new user: a TMDB movie id and 0.5 to 5 stars."""

    movie_id: int
    rating: float


class ColdStartRecommendations(msgspec.Struct):
    """Recommendations for a new user; `ignored_movie_ids` are rated films nobody rated in
    MovieLens, which cannot inform the model."""

    items: list[UserRecommendation]
    ignored_movie_ids: list[int]


class UserMoviePrediction(msgspec.Struct):
    """Should the user watch the film: the predicted rating, whether it reaches the threshold,
    and the user's own rating when they already rated it."""

    user_id: int
    movie_id: int
    predicted_rating: float
    recommend: bool
    already_rated: float | None


class RecomendacionUsuario(UserMoviePrediction, kw_only=True):
    title: str | None
    mensaje: str
    otras_coincidencias: list[OtraCoincidencia] = []
