"""The statement's sentences (`mensaje`): pure functions of the domain answers, no I/O.

Figures are written for a sentence (`number`: a few decimals, no trailing zeros), unknown
values as "desconocido", and counts agree with their noun (`count`).
"""

from __future__ import annotations

from api.catalog.business.schemas import CompanySuccess, FranchiseSuccess
from api.catalog.movies.schemas import MovieItem
from api.catalog.people.schemas import ActorSuccess, DirectorSuccess
from api.catalog.places.schemas import CountryFilms, LanguageFilms
from api.catalog.releases.schemas import MonthReleases, WeekdayReleases
from api.streaming.schemas import (
    CountryTitles,
    LongestMovie,
    PlatformCounts,
    RatingTitles,
    ScoreCount,
    TopActor,
)
from api.streaming.service import PLATFORM_NAMES
from api.users.schemas import UserMoviePrediction

#: The statement's condition for answering votes.
MIN_VOTES = 2000


def number(value: float | None, decimals: int = 4) -> str:
    """A figure for a sentence: at most `decimals` decimals, no trailing zeros."""
    if value is None:
        return "desconocido"
    text = f"{value:.{decimals}f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def year(value: int | None) -> str:
    return str(value) if value is not None else "desconocido"


def count(n: int, singular: str, plural: str) -> str:
    return f"{n} {singular if n == 1 else plural}"


def platform(key: str) -> str:
    """A platform's usual name (`amazon` -> `Amazon Prime Video`)."""
    return PLATFORM_NAMES[key]


def stars(value: float) -> str:
    """A rating with at most two decimals, no trailing zeros."""
    return f"{value:.2f}".rstrip("0").rstrip(".")


# -- the film catalogue -------------------------------------------------------------------------


def month(data: MonthReleases) -> str:
    return f"{data.films} cantidad de películas fueron estrenadas en el mes de {data.month_es}"


def weekday(data: WeekdayReleases) -> str:
    return f"{data.films} cantidad de películas fueron estrenadas en los días {data.weekday_es}"


def score(film: MovieItem) -> str:
    return (
        f"La película {film.title} fue estrenada en el año {year(film.release_year)} "
        f"con un score/popularidad de {number(film.popularity, 6)}"
    )


def votes(film: MovieItem, vote_count: int) -> str:
    """The sentence for a film with at least MIN_VOTES votes."""
    return (
        f"La película {film.title} fue estrenada en el año {year(film.release_year)}. La "
        f"misma cuenta con un total de {vote_count} valoraciones, con un promedio de "
        f"{number(film.vote_average, 2)}"
    )


def too_few_votes(film: MovieItem) -> str:
    return (
        f"La película {film.title} no cumple la condición de contar con al menos "
        f"{MIN_VOTES} valoraciones, por lo que no se devuelve ningún valor"
    )


def actor(data: ActorSuccess) -> str:
    return (
        f"El actor {data.actor} ha participado de {data.films} cantidad de filmaciones, "
        f"el mismo ha conseguido un retorno de {number(data.total_return)} con un "
        f"promedio de {number(data.average_return)} por filmación"
    )


def director(data: DirectorSuccess) -> str:
    return (
        f"El director {data.director} ha dirigido {data.films} películas, con un retorno "
        f"total de {number(data.total_return)} y un promedio de "
        f"{number(data.average_return)} por filmación"
    )


def language(data: LanguageFilms) -> str:
    nombre = data.language_es or data.language or data.code
    return f"{data.films} cantidad de películas fueron estrenadas en idioma {nombre}"


def runtime(film: MovieItem) -> str:
    duracion = f"{film.runtime} minutos" if film.runtime is not None else "desconocida"
    return f"{film.title}. Duración: {duracion}. Año: {year(film.release_year)}"


def franchise(data: FranchiseSuccess) -> str:
    return (
        f"La franquicia {data.franchise} posee {data.films} películas, una ganancia total "
        f"de {data.total_revenue} y una ganancia promedio de "
        f"{number(data.average_revenue, 2)}"
    )


def country(data: CountryFilms) -> str:
    nombre = data.country_es or data.country or data.code
    return f"Se produjeron {data.films} películas en el país {nombre}"


def company(data: CompanySuccess) -> str:
    return (
        f"La productora {data.company} ha tenido un revenue de {data.total_revenue} "
        f"en {data.films} películas"
    )


# -- the streaming catalogues -------------------------------------------------------------------


def longest_movie(data: LongestMovie, by_platform: bool, release_year: int | None) -> str:
    """`by_platform` / `release_year`: the filters the request gave, named in the sentence."""
    filtros = (f" de {platform(data.platform)}" if by_platform else "") + (
        f" estrenada en {release_year}" if release_year is not None else ""
    )
    unidad = ("minuto", "minutos") if data.duration_type == "min" else ("temporada", "temporadas")
    return (
        f"La película más larga{filtros} es {data.title} ({platform(data.platform)}, "
        f"{data.release_year}), con {count(data.duration_int, *unidad)}"
    )


def score_count(data: ScoreCount) -> str:
    verbo = "tiene" if data.movies == 1 else "tienen"
    estrenadas = "estrenada" if data.movies == 1 else "estrenadas"
    return (
        f"{count(data.movies, 'película', 'películas')} de {platform(data.platform)} "
        f"{estrenadas} en {data.year} {verbo} un score mayor a {number(data.scored)}"
    )


def platform_counts(data: PlatformCounts) -> str:
    return (
        f"{platform(data.platform)} tiene {count(data.movies, 'película', 'películas')}"
        f" y {count(data.tv_shows, 'serie', 'series')}"
    )


def top_actor(data: TopActor) -> str:
    cuando = f"en {data.year}" if data.year is not None else "(todos los años)"
    return (
        f"El actor que más se repite en {platform(data.platform)} {cuando} es "
        f"{data.actor}, con {count(data.appearances, 'aparición', 'apariciones')}"
    )


def country_titles(data: CountryTitles) -> str:
    contenidos = {
        "movie": ("película", "películas"),
        "tv show": ("serie", "series"),
        None: ("contenido", "contenidos"),
    }[data.type]
    cuando = f" en {data.year}" if data.year is not None else ""
    verbo = "Se produjo" if data.titles == 1 else "Se produjeron"
    return f"{verbo} {count(data.titles, *contenidos)} en {data.country}{cuando}"


def rating_titles(data: RatingTitles) -> str:
    verbo = "tiene" if data.titles == 1 else "tienen"
    return f"{count(data.titles, 'contenido', 'contenidos')} {verbo} la clasificación {data.rating}"


# -- recommendations ----------------------------------------------------------------------------


def recommendations(titulos: list[str], titulo: str, *, peliculas: bool) -> str:
    """The sentence listing recommendations (films: feminine "películas", else "títulos")."""
    if peliculas:
        singular, plural, articulos, parecido = "película", "películas", ("La", "Las"), "parecida"
    else:
        singular, plural, articulos, parecido = "título", "títulos", ("El", "Los"), "parecido"
    if not titulos:
        return f"No hay {plural} {parecido}s a {titulo}"
    if len(titulos) == 1:
        return f"{articulos[0]} {singular} más {parecido} a {titulo} es {titulos[0]}"
    return f"{articulos[1]} {len(titulos)} {plural} más {parecido}s a {titulo} son: " + ", ".join(
        titulos
    )


def user_verdict(prediction: UserMoviePrediction, title: str | None) -> str:
    verdict = "Se recomienda" if prediction.recommend else "No se recomienda"
    rated = (
        f"; ya la puntuó con {stars(prediction.already_rated)}"
        if prediction.already_rated is not None
        else ""
    )
    return (
        f"{verdict} {title} al usuario {prediction.user_id} (puntuación prevista "
        f"{stars(prediction.predicted_rating)} de 5{rated})"
    )
