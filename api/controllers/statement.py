"""The bootcamp statement's routes, in Spanish, for its clients.

Each route answers with the same data as its resource route (it calls the same query
function: no SQL lives here) plus the statement's sentence in `mensaje`. Where a title names
several films, the most popular answers and the others are listed in `otras_coincidencias`.
"""

from __future__ import annotations

from typing import Annotated

import msgspec
from litestar import Controller, get
from litestar.datastructures import State

from api.controllers import (
    companies,
    countries,
    franchises,
    languages,
    movies,
    people,
    releases,
    similar,
    streaming,
)
from api.db import MAY_RUN_LONG, POINT_LOOKUP
from api.docs import name_parameter, responses
from api.lookup import name_key
from api.schemas import (
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
    PaisContenidos,
    PaisRespuesta,
    PlataformaRespuesta,
    ProductoraRespuesta,
    RecomendacionPelicula,
    RecomendacionStreaming,
    ScoreRespuesta,
    ScoreTitulo,
    VotosTitulo,
)

#: The statement's condition for answering votes.
MIN_VOTES = 2000


def _number(value: float | None, decimals: int = 4) -> str:
    """A figure for a sentence: at most `decimals` decimals, no trailing zeros."""
    if value is None:
        return "desconocido"
    text = f"{value:.{decimals}f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _with_mensaje(cls: type, data: msgspec.Struct, mensaje: str) -> msgspec.Struct:
    return cls(**msgspec.structs.asdict(data), mensaje=mensaje)


def _year(value: int | None) -> str:
    return str(value) if value is not None else "desconocido"


def _count(n: int, singular: str, plural: str) -> str:
    return f"{n} {singular if n == 1 else plural}"


def _plataforma(platform: str) -> str:
    return streaming.PLATFORM_NAMES[platform]


#: Suggestions the statement's recommendation functions answer with.
RECOMENDACIONES = 5


class StatementController(Controller):
    path = "/"
    tags = ("enunciado (rutas en español)",)

    @get(
        "/cantidad_filmaciones_mes/{mes:str}",
        sync_to_thread=POINT_LOOKUP,
        cache=True,
        summary="Cantidad de películas estrenadas en un mes (todos los años)",
        responses=responses(
            MesRespuesta,
            {
                "month": 1,
                "month_en": "january",
                "month_es": "enero",
                "films": 5909,
                "mensaje": "5909 cantidad de películas fueron estrenadas en el mes de enero",
            },
            summary="GET /cantidad_filmaciones_mes/enero",
            not_found=("No month matches 'enro'.", ["enero"]),
            invalid="month must be 1 to 12 or a month name, not 13.",
        ),
    )
    def cantidad_filmaciones_mes(
        self, state: State, mes: Annotated[str, name_parameter("Mes en español.", "enero")]
    ) -> MesRespuesta:
        data = releases.month_releases(state.warehouse, mes)
        mensaje = (
            f"{data.films} cantidad de películas fueron estrenadas en el mes de {data.month_es}"
        )
        return _with_mensaje(MesRespuesta, data, mensaje)

    @get(
        "/cantidad_filmaciones_dia/{dia:str}",
        sync_to_thread=POINT_LOOKUP,
        cache=True,
        summary="Cantidad de películas estrenadas en un día de la semana",
        responses=responses(
            DiaRespuesta,
            {
                "weekday": 1,
                "weekday_en": "monday",
                "weekday_es": "lunes",
                "films": 3500,
                "mensaje": "3500 cantidad de películas fueron estrenadas en los días lunes",
            },
            summary="GET /cantidad_filmaciones_dia/lunes",
            not_found=("No weekday matches 'lunez'.", ["lunes"]),
            invalid="weekday must be 1 (Monday) to 7 (Sunday) or a weekday name, not 8.",
        ),
    )
    def cantidad_filmaciones_dia(
        self,
        state: State,
        dia: Annotated[str, name_parameter("Día de la semana en español.", "lunes", "miercoles")],
    ) -> DiaRespuesta:
        data = releases.weekday_releases(state.warehouse, dia)
        mensaje = (
            f"{data.films} cantidad de películas fueron estrenadas en los días {data.weekday_es}"
        )
        return _with_mensaje(DiaRespuesta, data, mensaje)

    @get(
        "/score_titulo/{titulo:str}",
        sync_to_thread=POINT_LOOKUP,
        cache=True,
        summary="Año de estreno y popularidad de una película",
        responses=responses(
            ScoreTitulo,
            {
                "movie_id": 862,
                "title": "Toy Story",
                "release_year": 1995,
                "popularity": 21.946943,
                "mensaje": "La película Toy Story fue estrenada en el año 1995 con un "
                "score/popularidad de 21.946943",
                "otras_coincidencias": [],
            },
            summary="GET /score_titulo/toy story",
            not_found=("No film titled matches 'toy stori'.", ["Toy Story"]),
        ),
    )
    def score_titulo(
        self,
        state: State,
        titulo: Annotated[str, name_parameter("Título de la filmación.", "Toy Story")],
    ) -> ScoreTitulo:
        film, others = movies.film_by_title(state.warehouse, titulo)
        return ScoreTitulo(
            movie_id=film.movie_id,
            title=film.title,
            release_year=film.release_year,
            popularity=film.popularity,
            mensaje=(
                f"La película {film.title} fue estrenada en el año {_year(film.release_year)} "
                f"con un score/popularidad de {_number(film.popularity, 6)}"
            ),
            otras_coincidencias=others,
        )

    @get(
        "/votos_titulo/{titulo:str}",
        sync_to_thread=POINT_LOOKUP,
        cache=True,
        summary="Cantidad y promedio de votos de una película (si tiene al menos 2000)",
        description=(
            "With fewer than 2000 votes the answer is still a 200, `cumple_condicion` is false, "
            "`mensaje` says so, and `vote_count` / `vote_average` are left out."
        ),
        responses=responses(
            VotosTitulo,
            {
                "movie_id": 389,
                "title": "12 Angry Men",
                "release_year": 1957,
                "cumple_condicion": True,
                "mensaje": "La película 12 Angry Men fue estrenada en el año 1957. La misma "
                "cuenta con un total de 2130 valoraciones, con un promedio de 8.2",
                "otras_coincidencias": [
                    {
                        "movie_id": 12219,
                        "title": "12 Angry Men",
                        "release_year": 1997,
                        "popularity": 3.679263,
                    }
                ],
                "vote_count": 2130,
                "vote_average": 8.2,
            },
            summary="GET /votos_titulo/12 angry men",
            not_found=("No film titled matches '12 angry mne'.", ["12 Angry Men"]),
        ),
    )
    def votos_titulo(
        self,
        state: State,
        titulo: Annotated[str, name_parameter("Título de la filmación.", "12 Angry Men")],
    ) -> VotosTitulo:
        film, others = movies.film_by_title(state.warehouse, titulo)
        votes = film.vote_count or 0
        if votes >= MIN_VOTES:
            return VotosTitulo(
                movie_id=film.movie_id,
                title=film.title,
                release_year=film.release_year,
                cumple_condicion=True,
                mensaje=(
                    f"La película {film.title} fue estrenada en el año "
                    f"{_year(film.release_year)}. La misma cuenta con un total de {votes} "
                    f"valoraciones, con un promedio de {_number(film.vote_average, 2)}"
                ),
                otras_coincidencias=others,
                vote_count=votes,
                vote_average=film.vote_average,
            )
        return VotosTitulo(
            movie_id=film.movie_id,
            title=film.title,
            release_year=film.release_year,
            cumple_condicion=False,
            mensaje=(
                f"La película {film.title} no cumple la condición de contar con al menos "
                f"{MIN_VOTES} valoraciones, por lo que no se devuelve ningún valor"
            ),
            otras_coincidencias=others,
        )

    @get(
        "/get_actor/{nombre_actor:str}",
        sync_to_thread=POINT_LOOKUP,
        cache=True,
        summary="Éxito de un actor medido por el retorno (sin contar películas que dirigió)",
        responses=responses(
            ActorRespuesta,
            {
                **people.ACTOR_EXAMPLE,
                "mensaje": "El actor Tom Hanks ha participado de 48 cantidad de filmaciones, el "
                "mismo ha conseguido un retorno de 152.6066 con un promedio de 3.1793 por "
                "filmación",
            },
            summary="GET /get_actor/tom hanks",
            not_found=("No actor matches 'tom hank'.", ["Tom Hanks"]),
        ),
    )
    def get_actor(
        self,
        state: State,
        nombre_actor: Annotated[str, name_parameter("Nombre del actor.", "Tom Hanks")],
    ) -> ActorRespuesta:
        data = people.actor_success(state.warehouse, nombre_actor)
        mensaje = (
            f"El actor {data.actor} ha participado de {data.films} cantidad de filmaciones, "
            f"el mismo ha conseguido un retorno de {_number(data.total_return)} con un "
            f"promedio de {_number(data.average_return)} por filmación"
        )
        return _with_mensaje(ActorRespuesta, data, mensaje)

    @get(
        "/get_director/{nombre_director:str}",
        sync_to_thread=POINT_LOOKUP,
        cache=True,
        summary="Éxito de un director medido por el retorno, y cada película que dirigió",
        responses=responses(
            DirectorRespuesta,
            {
                **people.DIRECTOR_EXAMPLE,
                "mensaje": "El director John Lasseter ha dirigido 10 películas, con un retorno "
                "total de 27.6544 y un promedio de 2.7654 por filmación",
            },
            summary="GET /get_director/john lasseter (movies shortened)",
            not_found=("No director matches 'jon lasseter'.", ["John Lasseter"]),
        ),
    )
    def get_director(
        self,
        state: State,
        nombre_director: Annotated[str, name_parameter("Nombre del director.", "John Lasseter")],
    ) -> DirectorRespuesta:
        data = people.director_success(state.warehouse, nombre_director)
        mensaje = (
            f"El director {data.director} ha dirigido {data.films} películas, con un retorno "
            f"total de {_number(data.total_return)} y un promedio de "
            f"{_number(data.average_return)} por filmación"
        )
        return _with_mensaje(DirectorRespuesta, data, mensaje)

    @get(
        "/peliculas_idioma/{idioma:str}",
        sync_to_thread=POINT_LOOKUP,
        cache=True,
        summary="Cantidad de películas estrenadas en un idioma (idioma original)",
        responses=responses(
            IdiomaRespuesta,
            {
                "code": "es",
                "language": "Spanish",
                "language_es": "Español",
                "films": 992,
                "mensaje": "992 cantidad de películas fueron estrenadas en idioma Español",
            },
            summary="GET /peliculas_idioma/es",
            not_found=("No language matches 'espanhol'.", ["Español"]),
        ),
    )
    def peliculas_idioma(
        self,
        state: State,
        idioma: Annotated[str, name_parameter("Idioma: código ISO 639-1 o nombre.", "es")],
    ) -> IdiomaRespuesta:
        data = languages.language_films(state.warehouse, idioma)
        nombre = data.language_es or data.language or data.code
        mensaje = f"{data.films} cantidad de películas fueron estrenadas en idioma {nombre}"
        return _with_mensaje(IdiomaRespuesta, data, mensaje)

    @get(
        "/peliculas_duracion/{pelicula:str}",
        sync_to_thread=POINT_LOOKUP,
        cache=True,
        summary="Duración y año de estreno de una película",
        responses=responses(
            DuracionPelicula,
            {
                "movie_id": 862,
                "title": "Toy Story",
                "runtime": 81,
                "release_year": 1995,
                "mensaje": "Toy Story. Duración: 81 minutos. Año: 1995",
                "otras_coincidencias": [],
            },
            summary="GET /peliculas_duracion/toy story",
            not_found=("No film titled matches 'toy stori'.", ["Toy Story"]),
        ),
    )
    def peliculas_duracion(
        self,
        state: State,
        pelicula: Annotated[str, name_parameter("Título de la película.", "Toy Story")],
    ) -> DuracionPelicula:
        film, others = movies.film_by_title(state.warehouse, pelicula)
        duracion = f"{film.runtime} minutos" if film.runtime is not None else "desconocida"
        return DuracionPelicula(
            movie_id=film.movie_id,
            title=film.title,
            runtime=film.runtime,
            release_year=film.release_year,
            mensaje=f"{film.title}. Duración: {duracion}. Año: {_year(film.release_year)}",
            otras_coincidencias=others,
        )

    @get(
        "/franquicia/{franquicia:str}",
        sync_to_thread=POINT_LOOKUP,
        cache=True,
        summary="Películas, ganancia total y promedio de una franquicia",
        responses=responses(
            FranquiciaRespuesta,
            {
                "collection_id": 10194,
                "franchise": "Toy Story Collection",
                "films": 3,
                "total_revenue": 1937890605,
                "average_revenue": 645963535.0,
                "alternatives": [],
                "mensaje": "La franquicia Toy Story Collection posee 3 películas, una ganancia "
                "total de 1937890605 y una ganancia promedio de 645963535",
            },
            summary="GET /franquicia/toy story collection",
            not_found=("No franchise matches 'toy stroy'.", ["Toy Story Collection"]),
        ),
    )
    def franquicia(
        self,
        state: State,
        franquicia: Annotated[str, name_parameter("Nombre de la franquicia.", "Toy Story")],
    ) -> FranquiciaRespuesta:
        data = franchises.franchise_success(state.warehouse, franquicia)
        mensaje = (
            f"La franquicia {data.franchise} posee {data.films} películas, una ganancia total "
            f"de {data.total_revenue} y una ganancia promedio de "
            f"{_number(data.average_revenue, 2)}"
        )
        return _with_mensaje(FranquiciaRespuesta, data, mensaje)

    @get(
        "/peliculas_pais/{pais:str}",
        sync_to_thread=POINT_LOOKUP,
        cache=True,
        summary="Cantidad de películas producidas en un país",
        responses=responses(
            PaisRespuesta,
            {
                "code": "ES",
                "country": "Spain",
                "country_es": "España",
                "films": 964,
                "mensaje": "Se produjeron 964 películas en el país España",
            },
            summary="GET /peliculas_pais/españa",
            not_found=("No country matches 'espanya'.", ["Spain"]),
        ),
    )
    def peliculas_pais(
        self,
        state: State,
        pais: Annotated[str, name_parameter("País: código ISO 3166-1 o nombre.", "España")],
    ) -> PaisRespuesta:
        data = countries.country_films(state.warehouse, pais)
        nombre = data.country_es or data.country or data.code
        mensaje = f"Se produjeron {data.films} películas en el país {nombre}"
        return _with_mensaje(PaisRespuesta, data, mensaje)

    @get(
        "/productoras_exitosas/{productora:str}",
        sync_to_thread=POINT_LOOKUP,
        cache=True,
        summary="Revenue total y cantidad de películas de una productora",
        responses=responses(
            ProductoraRespuesta,
            {
                "company_id": 3,
                "company": "Pixar Animation Studios",
                "films": 52,
                "total_revenue": 11188533734,
                "alternatives": [],
                "mensaje": "La productora Pixar Animation Studios ha tenido un revenue de "
                "11188533734 en 52 películas",
            },
            summary="GET /productoras_exitosas/pixar animation studios",
            not_found=("No company matches 'pixar studios'.", ["Pixar Animation Studios"]),
        ),
    )
    def productoras_exitosas(
        self,
        state: State,
        productora: Annotated[
            str, name_parameter("Nombre de la productora.", "Pixar Animation Studios")
        ],
    ) -> ProductoraRespuesta:
        data = companies.company_success(state.warehouse, productora)
        mensaje = (
            f"La productora {data.company} ha tenido un revenue de {data.total_revenue} "
            f"en {data.films} películas"
        )
        return _with_mensaje(ProductoraRespuesta, data, mensaje)

    # -- the streaming statement (get_max_duration ... get_recomendation) --------------------

    @get(
        "/get_max_duration",
        sync_to_thread=MAY_RUN_LONG,
        cache=True,
        summary="Película con mayor duración, opcionalmente por año, plataforma y tipo de duración",
        description="Sin `duration_type` se mide en minutos (`min`).",
        responses=responses(
            DuracionMaxima,
            {
                **streaming.LONGEST_MOVIE_EXAMPLE,
                "mensaje": "La película más larga de Netflix estrenada en 2016 es sairat "
                "(Netflix, 2016), con 173 minutos",
            },
            summary="GET /get_max_duration?year=2016&platform=netflix&duration_type=min",
            invalid=streaming.INVALID_PLATFORM,
            no_match=streaming.NO_LONGEST_MOVIE,
        ),
    )
    def get_max_duration(
        self,
        state: State,
        year: Annotated[int | None, streaming.year_parameter("Año de estreno.", 2016)] = None,
        platform: Annotated[str | None, streaming.platform_parameter("netflix")] = None,
        duration_type: Annotated[
            str | None, name_parameter(streaming.DURATION_TYPE_DESCRIPTION, "min")
        ] = None,
    ) -> DuracionMaxima:
        data = streaming.longest_movie(state.warehouse, year, platform, duration_type)
        filtros = (f" de {_plataforma(data.platform)}" if platform is not None else "") + (
            f" estrenada en {year}" if year is not None else ""
        )
        unidad = (
            ("minuto", "minutos") if data.duration_type == "min" else ("temporada", "temporadas")
        )
        mensaje = (
            f"La película más larga{filtros} es {data.title} ({_plataforma(data.platform)}, "
            f"{data.release_year}), con {_count(data.duration_int, *unidad)}"
        )
        return _with_mensaje(DuracionMaxima, data, mensaje)

    @get(
        "/get_score_count",
        sync_to_thread=MAY_RUN_LONG,
        cache=True,
        summary="Cantidad de películas de una plataforma y año con un score mayor a un valor",
        responses=responses(
            ScoreRespuesta,
            {
                **streaming.SCORE_COUNT_EXAMPLE,
                "mensaje": "286 películas de Amazon Prime Video estrenadas en 2014 tienen un "
                "score mayor a 3.3",
            },
            summary="GET /get_score_count?platform=amazon&scored=3.3&year=2014",
            invalid=streaming.INVALID_PLATFORM,
        ),
    )
    def get_score_count(
        self,
        state: State,
        platform: Annotated[str, streaming.platform_parameter("amazon")],
        scored: Annotated[float, streaming.SCORED_PARAMETER],
        year: Annotated[int, streaming.year_parameter("Año de estreno.", 2014)],
    ) -> ScoreRespuesta:
        data = streaming.score_count(state.warehouse, platform, scored, year)
        verbo = "tiene" if data.movies == 1 else "tienen"
        estrenadas = "estrenada" if data.movies == 1 else "estrenadas"
        mensaje = (
            f"{_count(data.movies, 'película', 'películas')} de {_plataforma(data.platform)} "
            f"{estrenadas} en {data.year} {verbo} un score mayor a {_number(data.scored)}"
        )
        return _with_mensaje(ScoreRespuesta, data, mensaje)

    @get(
        "/get_count_platform/{platform:str}",
        sync_to_thread=MAY_RUN_LONG,
        cache=True,
        summary="Cantidad de películas y series de una plataforma",
        responses=responses(
            PlataformaRespuesta,
            {
                **streaming.PLATFORM_COUNTS_EXAMPLE,
                "mensaje": "Amazon Prime Video tiene 7814 películas y 1854 series",
            },
            summary="GET /get_count_platform/prime",
            invalid=streaming.INVALID_PLATFORM,
        ),
    )
    def get_count_platform(
        self, state: State, platform: Annotated[str, streaming.platform_parameter("prime")]
    ) -> PlataformaRespuesta:
        data = streaming.platform_counts(state.warehouse, platform)
        mensaje = (
            f"{_plataforma(data.platform)} tiene {_count(data.movies, 'película', 'películas')}"
            f" y {_count(data.tv_shows, 'serie', 'series')}"
        )
        return _with_mensaje(PlataformaRespuesta, data, mensaje)

    @get(
        "/streaming/get_actor",
        sync_to_thread=MAY_RUN_LONG,
        cache=True,
        summary="Actor que más se repite en una plataforma, en un año o en todos",
        description="Películas y series; empates por nombre. Hulu no lista el reparto: 404.",
        responses=responses(
            ActorPlataformaRespuesta,
            {
                **streaming.TOP_ACTOR_EXAMPLE,
                "mensaje": "El actor que más se repite en Netflix (todos los años) es "
                "anupam kher, con 43 apariciones",
            },
            summary="GET /streaming/get_actor?platform=netflix",
            invalid=streaming.INVALID_PLATFORM,
            no_match=streaming.NO_CAST,
        ),
    )
    def get_streaming_actor(
        self,
        state: State,
        platform: Annotated[str, streaming.platform_parameter("netflix")],
        year: Annotated[
            int | None, streaming.year_parameter("Año de estreno; sin año, todos.", 2018)
        ] = None,
    ) -> ActorPlataformaRespuesta:
        data = streaming.top_actor(state.warehouse, platform, year)
        cuando = f"en {data.year}" if data.year is not None else "(todos los años)"
        mensaje = (
            f"El actor que más se repite en {_plataforma(data.platform)} {cuando} es "
            f"{data.actor}, con {_count(data.appearances, 'aparición', 'apariciones')}"
        )
        return _with_mensaje(ActorPlataformaRespuesta, data, mensaje)

    @get(
        "/prod_per_county",
        sync_to_thread=MAY_RUN_LONG,
        cache=True,
        summary="Cantidad de contenidos de un tipo producidos en un país en un año",
        description="Sin `type`, todos los tipos; sin `year`, todos los años.",
        responses=responses(
            PaisContenidos,
            {
                **streaming.COUNTRY_TITLES_EXAMPLE,
                "mensaje": "Se produjeron 130 películas en india en 2019",
            },
            summary="GET /prod_per_county?country=india&type=movie&year=2019",
            not_found=(
                "No country in the streaming catalogues matches 'indai'.",
                ["india", "indonesia"],
            ),
        ),
    )
    def prod_per_county(
        self,
        state: State,
        country: Annotated[str, name_parameter("País, como en los catálogos.", "india")],
        title_type: Annotated[str | None, streaming.TITLE_TYPE_PARAMETER] = None,
        year: Annotated[
            int | None, streaming.year_parameter("Año de estreno; sin año, todos.", 2019)
        ] = None,
    ) -> PaisContenidos:
        data = streaming.country_titles(state.warehouse, country, title_type, year)
        contenidos = {
            "movie": ("película", "películas"),
            "tv show": ("serie", "series"),
            None: ("contenido", "contenidos"),
        }[data.type]
        cuando = f" en {data.year}" if data.year is not None else ""
        verbo = "Se produjo" if data.titles == 1 else "Se produjeron"
        mensaje = f"{verbo} {_count(data.titles, *contenidos)} en {data.country}{cuando}"
        return _with_mensaje(PaisContenidos, data, mensaje)

    @get(
        "/get_contents/{rating:str}",
        sync_to_thread=MAY_RUN_LONG,
        cache=True,
        summary="Cantidad de contenidos con una clasificación (rating) de audiencia",
        responses=responses(
            ClasificacionRespuesta,
            {
                **streaming.RATING_TITLES_EXAMPLE,
                "mensaje": "2117 contenidos tienen la clasificación 13+",
            },
            summary="GET /get_contents/13+",
            not_found=("No maturity rating matches 'pg13'.", ["pg-13", "pg"]),
        ),
    )
    def get_contents(
        self,
        state: State,
        rating: Annotated[str, name_parameter("Clasificación de audiencia.", "13+", "TV-MA")],
    ) -> ClasificacionRespuesta:
        data = streaming.rating_titles(state.warehouse, rating)
        verbo = "tiene" if data.titles == 1 else "tienen"
        mensaje = (
            f"{_count(data.titles, 'contenido', 'contenidos')} {verbo} la clasificación "
            f"{data.rating}"
        )
        return _with_mensaje(ClasificacionRespuesta, data, mensaje)

    @get(
        "/recomendacion/{titulo:str}",
        sync_to_thread=MAY_RUN_LONG,
        cache=True,
        summary="Cinco películas similares a una película, la más parecida primero",
        description=(
            "Para la película más popular con ese título; las demás con el mismo título van "
            "en `otras_coincidencias`."
        ),
        responses=responses(
            RecomendacionPelicula,
            {
                "titulo": "Toy Story",
                "movie_id": 862,
                "recomendaciones": [
                    "Toy Story 2",
                    "Toy Story 3",
                    "Toy Story of Terror!",
                    "Toy Story That Time Forgot",
                    "The Toy",
                ],
                "mensaje": "Las 5 películas más parecidas a Toy Story son: Toy Story 2, "
                "Toy Story 3, Toy Story of Terror!, Toy Story That Time Forgot, The Toy",
                "otras_coincidencias": [],
            },
            summary="GET /recomendacion/toy story",
            not_found=("No film titled matches 'toy stori'.", ["Toy Story"]),
            not_built="similar films",
        ),
    )
    def recomendacion(
        self,
        state: State,
        titulo: Annotated[str, name_parameter("Título de la película.", "Toy Story")],
    ) -> RecomendacionPelicula:
        film, others = movies.film_by_title(state.warehouse, titulo)
        data = similar.similar_films(state.warehouse, film.movie_id, RECOMENDACIONES)
        titulos = [item.title or f"id {item.movie_id}" for item in data.items]
        return RecomendacionPelicula(
            titulo=film.title,
            movie_id=film.movie_id,
            recomendaciones=titulos,
            mensaje=_recomendaciones(titulos, film.title, peliculas=True),
            otras_coincidencias=others,
        )

    @get(
        "/get_recomendation/{titulo:str}",
        sync_to_thread=MAY_RUN_LONG,
        cache=True,
        summary="Cinco títulos de streaming similares a un título, el más parecido primero",
        description=(
            "Varios títulos con ese nombre: responde el de mayor score de usuarios y, a igual "
            "score, el de menor title_id; los demás van en `otras_coincidencias`. La respuesta "
            "son títulos: se omite el mismo título en otra plataforma y cada título va una vez "
            "(`/streaming/titles/{title_id}/similar` los lista todos, con su plataforma)."
        ),
        responses=responses(
            RecomendacionStreaming,
            {
                "title_id": "ds1378",
                "titulo": "toy story",
                "platform": "disney",
                "recomendacion": [
                    "toy story 2",
                    "toy story 3",
                    "toy story 4",
                    "tin toy",
                    "toy story: that time forgot",
                ],
                "mensaje": "Los 5 títulos más parecidos a toy story son: toy story 2, "
                "toy story 3, toy story 4, tin toy, toy story: that time forgot",
                "otras_coincidencias": [],
            },
            summary="GET /get_recomendation/toy story",
            not_found=("No streaming title matches 'toy stori'.", ["toy story"]),
            not_built="similar streaming titles",
        ),
    )
    def get_recomendation(
        self,
        state: State,
        titulo: Annotated[str, name_parameter("Título (película o serie).", "toy story")],
    ) -> RecomendacionStreaming:
        title, others = streaming.streaming_title_by_name(state.warehouse, titulo)
        # The answer is titles only: the same film on another platform (same title key) is
        # no recommendation, and a title is named once.
        data = similar.similar_titles(state.warehouse, title.title_id, similar.MAX_SUGGESTIONS)
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
            mensaje=_recomendaciones(titulos, title.title, peliculas=False),
            otras_coincidencias=others,
        )


def _recomendaciones(titulos: list[str], titulo: str, *, peliculas: bool) -> str:
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
