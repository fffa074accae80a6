"""The statement's answers: the domain services' answers plus the statement's sentence.

Functions take the warehouse and the request's arguments, call the domain services (never a
controller) and return the statement's Structs; the sentences come from `messages`.
"""

from __future__ import annotations

from typing import TypeVar

import msgspec

from api.catalog.business import service as business
from api.catalog.movies import service as movies
from api.catalog.movies.schemas import MovieItem
from api.catalog.people import service as people
from api.catalog.places import service as places
from api.catalog.releases import service as releases
from api.db import Warehouse
from api.lookup import name_key
from api.similar import service as similar
from api.statement import messages
from api.statement.schemas import (
    ActorPlataformaRespuesta,
    ActorRespuesta,
    ClasificacionRespuesta,
    DiaRespuesta,
    DirectorRespuesta,
    DuracionMaxima,
    DuracionPelicula,
    FranquiciaRespuesta,
    IdiomaRespuesta,
    MesRespuesta,
    OtraCoincidencia,
    OtroTitulo,
    PaisContenidos,
    PaisRespuesta,
    PlataformaRespuesta,
    ProductoraRespuesta,
    RecomendacionPelicula,
    RecomendacionStreaming,
    RecomendacionUsuario,
    ScoreRespuesta,
    ScoreTitulo,
    VotosTitulo,
)
from api.streaming import service as streaming
from api.users import service as users

#: Suggestions the statement's recommendation functions answer with.
RECOMENDACIONES = 5
#: Similar titles get_recomendation picks its five distinct titles from: the top 20, as
#: before the build kept 100 per title (same answers; 20-row results in the result cache).
CANDIDATOS = 20

Respuesta = TypeVar("Respuesta", bound=msgspec.Struct)


def _with_mensaje(cls: type[Respuesta], data: msgspec.Struct, mensaje: str) -> Respuesta:
    """`data` (a domain answer) as the statement's subclass of it, with `mensaje`."""
    return cls(**msgspec.structs.asdict(data), mensaje=mensaje)


def _otras(films: list[MovieItem]) -> list[OtraCoincidencia]:
    return [
        OtraCoincidencia(
            movie_id=film.movie_id,
            title=film.title,
            release_year=film.release_year,
            popularity=film.popularity,
        )
        for film in films
    ]


# -- the film catalogue -------------------------------------------------------------------------


def cantidad_filmaciones_mes(warehouse: Warehouse, mes: str) -> MesRespuesta:
    data = releases.month_releases(warehouse, mes)
    return _with_mensaje(MesRespuesta, data, messages.month(data))


def cantidad_filmaciones_dia(warehouse: Warehouse, dia: str) -> DiaRespuesta:
    data = releases.weekday_releases(warehouse, dia)
    return _with_mensaje(DiaRespuesta, data, messages.weekday(data))


def score_titulo(warehouse: Warehouse, titulo: str) -> ScoreTitulo:
    film, others = movies.film_by_title(warehouse, titulo)
    return ScoreTitulo(
        movie_id=film.movie_id,
        title=film.title,
        release_year=film.release_year,
        popularity=film.popularity,
        mensaje=messages.score(film),
        otras_coincidencias=_otras(others),
    )


def votos_titulo(warehouse: Warehouse, titulo: str) -> VotosTitulo:
    """The votes only when the film has at least MIN_VOTES: the statement's condition."""
    film, others = movies.film_by_title(warehouse, titulo)
    votes = film.vote_count or 0
    if votes >= messages.MIN_VOTES:
        return VotosTitulo(
            movie_id=film.movie_id,
            title=film.title,
            release_year=film.release_year,
            cumple_condicion=True,
            mensaje=messages.votes(film, votes),
            otras_coincidencias=_otras(others),
            vote_count=votes,
            vote_average=film.vote_average,
        )
    return VotosTitulo(
        movie_id=film.movie_id,
        title=film.title,
        release_year=film.release_year,
        cumple_condicion=False,
        mensaje=messages.too_few_votes(film),
        otras_coincidencias=_otras(others),
    )


def get_actor(warehouse: Warehouse, nombre_actor: str) -> ActorRespuesta:
    data = people.actor_success(warehouse, nombre_actor)
    return _with_mensaje(ActorRespuesta, data, messages.actor(data))


def get_director(warehouse: Warehouse, nombre_director: str) -> DirectorRespuesta:
    data = people.director_success(warehouse, nombre_director)
    return _with_mensaje(DirectorRespuesta, data, messages.director(data))


def peliculas_idioma(warehouse: Warehouse, idioma: str) -> IdiomaRespuesta:
    data = places.language_films(warehouse, idioma)
    return _with_mensaje(IdiomaRespuesta, data, messages.language(data))


def peliculas_duracion(warehouse: Warehouse, pelicula: str) -> DuracionPelicula:
    film, others = movies.film_by_title(warehouse, pelicula)
    return DuracionPelicula(
        movie_id=film.movie_id,
        title=film.title,
        runtime=film.runtime,
        release_year=film.release_year,
        mensaje=messages.runtime(film),
        otras_coincidencias=_otras(others),
    )


def franquicia(warehouse: Warehouse, nombre: str) -> FranquiciaRespuesta:
    data = business.franchise_success(warehouse, nombre)
    return _with_mensaje(FranquiciaRespuesta, data, messages.franchise(data))


def peliculas_pais(warehouse: Warehouse, pais: str) -> PaisRespuesta:
    data = places.country_films(warehouse, pais)
    return _with_mensaje(PaisRespuesta, data, messages.country(data))


def productoras_exitosas(warehouse: Warehouse, productora: str) -> ProductoraRespuesta:
    data = business.company_success(warehouse, productora)
    return _with_mensaje(ProductoraRespuesta, data, messages.company(data))


# -- the streaming catalogues -------------------------------------------------------------------


def get_max_duration(
    warehouse: Warehouse, year: int | None, platform: str | None, duration_type: str | None
) -> DuracionMaxima:
    data = streaming.longest_movie(warehouse, year, platform, duration_type)
    mensaje = messages.longest_movie(data, by_platform=platform is not None, release_year=year)
    return _with_mensaje(DuracionMaxima, data, mensaje)


def get_score_count(
    warehouse: Warehouse, platform: str, scored: float, year: int
) -> ScoreRespuesta:
    data = streaming.score_count(warehouse, platform, scored, year)
    return _with_mensaje(ScoreRespuesta, data, messages.score_count(data))


def get_count_platform(warehouse: Warehouse, platform: str) -> PlataformaRespuesta:
    data = streaming.platform_counts(warehouse, platform)
    return _with_mensaje(PlataformaRespuesta, data, messages.platform_counts(data))


def get_streaming_actor(
    warehouse: Warehouse, platform: str, year: int | None
) -> ActorPlataformaRespuesta:
    data = streaming.top_actor(warehouse, platform, year)
    return _with_mensaje(ActorPlataformaRespuesta, data, messages.top_actor(data))


def prod_per_county(
    warehouse: Warehouse, country: str, title_type: str | None, year: int | None
) -> PaisContenidos:
    data = streaming.country_titles(warehouse, country, title_type, year)
    return _with_mensaje(PaisContenidos, data, messages.country_titles(data))


def get_contents(warehouse: Warehouse, rating: str) -> ClasificacionRespuesta:
    data = streaming.rating_titles(warehouse, rating)
    return _with_mensaje(ClasificacionRespuesta, data, messages.rating_titles(data))


# -- recommendations ----------------------------------------------------------------------------


def recomendacion(warehouse: Warehouse, titulo: str) -> RecomendacionPelicula:
    """The films most similar to the most popular film titled `titulo`."""
    film, others = movies.film_by_title(warehouse, titulo)
    data = similar.similar_films(warehouse, film.movie_id, RECOMENDACIONES)
    titulos = [item.title or f"id {item.movie_id}" for item in data.items]
    return RecomendacionPelicula(
        titulo=film.title,
        movie_id=film.movie_id,
        recomendaciones=titulos,
        mensaje=messages.recommendations(titulos, film.title, peliculas=True),
        otras_coincidencias=_otras(others),
    )


def get_recomendation(warehouse: Warehouse, titulo: str) -> RecomendacionStreaming:
    """The streaming titles most similar to the title named `titulo`, each title once."""
    title, others = streaming.streaming_title_by_name(warehouse, titulo)
    # The answer is titles only: the same film on another platform (same title key) is
    # no recommendation, and a title is named once.
    data = similar.similar_titles(warehouse, title.title_id, CANDIDATOS)
    seen = {name_key(title.title)}
    titulos = []
    for item in data.items:
        key = name_key(item.title)
        if key not in seen and len(titulos) < RECOMENDACIONES:
            seen.add(key)
            titulos.append(item.title)
    return RecomendacionStreaming(
        title_id=title.title_id,
        titulo=title.title,
        platform=title.platform,
        recomendacion=titulos,
        mensaje=messages.recommendations(titulos, title.title, peliculas=False),
        otras_coincidencias=[OtroTitulo(**msgspec.structs.asdict(other)) for other in others],
    )


def recomendacion_usuario(
    warehouse: Warehouse, user_id: int, titulo: str, threshold: float
) -> RecomendacionUsuario:
    """The prediction route's answer for the most popular film titled `titulo`; an unknown
    user is a 404 before the title is looked up."""
    users.require_user(warehouse, user_id)
    film, others = movies.film_by_title(warehouse, titulo)
    prediction, title = users.user_movie_prediction(warehouse, user_id, film.movie_id, threshold)
    return RecomendacionUsuario(
        user_id=prediction.user_id,
        movie_id=prediction.movie_id,
        predicted_rating=prediction.predicted_rating,
        recommend=prediction.recommend,
        already_rated=prediction.already_rated,
        title=title,
        mensaje=messages.user_verdict(prediction, title),
        otras_coincidencias=_otras(others),
    )
