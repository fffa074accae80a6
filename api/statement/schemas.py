"""Response bodies of the statement's Spanish routes: mostly a domain answer plus `mensaje`."""

from __future__ import annotations

from typing import Literal

import msgspec

from api.catalog.business.schemas import CompanySuccess, FranchiseSuccess
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
from api.users.schemas import UserMoviePrediction

# -- the film catalogue -------------------------------------------------------------------------


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


# -- the streaming catalogues and the recommendations -------------------------------------------


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


class RecomendacionUsuario(UserMoviePrediction, kw_only=True):
    title: str | None
    mensaje: str
    otras_coincidencias: list[OtraCoincidencia] = msgspec.field(default_factory=list)
