"""The statement's Spanish routes: thin handlers over `api.statement.service`."""

from __future__ import annotations

from typing import Annotated

from litestar import Controller, get
from litestar.di import NamedDependency

from api.catalog.business import examples as business
from api.catalog.places import examples as places
from api.catalog.releases import examples as releases
from api.db import MAY_RUN_LONG, Warehouse
from api.dispatch import point_lookup
from api.docs import name_parameter, number_or_name_parameter, responses
from api.statement import examples, service
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
from api.streaming import examples as streaming
from api.streaming.parameters import (
    SCORED_PARAMETER,
    TITLE_TYPE_PARAMETER,
    duration_type_parameter,
    platform_parameter,
    year_parameter,
)
from api.streaming.service import INVALID_PLATFORM, NO_CAST
from api.users.parameters import THRESHOLD, USER_ID
from api.users.service import DEFAULT_THRESHOLD


class StatementController(Controller):
    path = "/"
    tags = ("enunciado (rutas en español)",)

    @get(
        "/cantidad_filmaciones_mes/{mes:str}",
        cache=True,
        summary="Cantidad de películas estrenadas en un mes (todos los años)",
        responses=responses(
            MesRespuesta,
            examples.MES,
            summary="GET /cantidad_filmaciones_mes/enero",
            not_found=releases.UNKNOWN_MONTH,
            invalid=releases.INVALID_MONTH,
        ),
    )
    @point_lookup
    def cantidad_filmaciones_mes(
        self,
        warehouse: NamedDependency[Warehouse],
        mes: Annotated[str, number_or_name_parameter("Mes en español (o 1-12).", 12, "enero")],
    ) -> MesRespuesta:
        return service.cantidad_filmaciones_mes(warehouse, mes)

    @get(
        "/cantidad_filmaciones_dia/{dia:str}",
        cache=True,
        summary="Cantidad de películas estrenadas en un día de la semana",
        responses=responses(
            DiaRespuesta,
            examples.DIA,
            summary="GET /cantidad_filmaciones_dia/lunes",
            not_found=releases.UNKNOWN_WEEKDAY,
            invalid=releases.INVALID_WEEKDAY,
        ),
    )
    @point_lookup
    def cantidad_filmaciones_dia(
        self,
        warehouse: NamedDependency[Warehouse],
        dia: Annotated[
            str,
            number_or_name_parameter(
                "Día de la semana en español (o 1-7, 1 = lunes).", 7, "lunes", "miercoles"
            ),
        ],
    ) -> DiaRespuesta:
        return service.cantidad_filmaciones_dia(warehouse, dia)

    @get(
        "/score_titulo/{titulo:str}",
        cache=True,
        summary="Año de estreno y popularidad de una película",
        responses=responses(
            ScoreTitulo,
            examples.SCORE_TITULO,
            summary="GET /score_titulo/toy story",
            not_found=examples.UNKNOWN_TITLE,
        ),
    )
    @point_lookup
    def score_titulo(
        self,
        warehouse: NamedDependency[Warehouse],
        titulo: Annotated[str, name_parameter("Título de la filmación.", "Toy Story")],
    ) -> ScoreTitulo:
        return service.score_titulo(warehouse, titulo)

    @get(
        "/votos_titulo/{titulo:str}",
        cache=True,
        summary="Cantidad y promedio de votos de una película (si tiene al menos 2000)",
        description=(
            "With fewer than 2000 votes the answer is still a 200, `cumple_condicion` is false, "
            "`mensaje` says so, and `vote_count` / `vote_average` are left out."
        ),
        responses=responses(
            VotosTitulo,
            examples.VOTOS_TITULO,
            summary="GET /votos_titulo/12 angry men",
            not_found=("No film titled matches '12 angry mne'.", ["12 Angry Men"]),
        ),
    )
    @point_lookup
    def votos_titulo(
        self,
        warehouse: NamedDependency[Warehouse],
        titulo: Annotated[str, name_parameter("Título de la filmación.", "12 Angry Men")],
    ) -> VotosTitulo:
        return service.votos_titulo(warehouse, titulo)

    @get(
        "/get_actor/{nombre_actor:str}",
        cache=True,
        summary="Éxito de un actor medido por el retorno (sin contar películas que dirigió)",
        responses=responses(
            ActorRespuesta,
            examples.ACTOR,
            summary="GET /get_actor/tom hanks",
            not_found=("No actor matches 'tom hank'.", ["Tom Hanks"]),
        ),
    )
    @point_lookup
    def get_actor(
        self,
        warehouse: NamedDependency[Warehouse],
        nombre_actor: Annotated[str, name_parameter("Nombre del actor.", "Tom Hanks")],
    ) -> ActorRespuesta:
        return service.get_actor(warehouse, nombre_actor)

    @get(
        "/get_director/{nombre_director:str}",
        cache=True,
        summary="Éxito de un director medido por el retorno, y cada película que dirigió",
        responses=responses(
            DirectorRespuesta,
            examples.DIRECTOR,
            summary="GET /get_director/john lasseter (movies shortened)",
            not_found=("No director matches 'jon lasseter'.", ["John Lasseter"]),
        ),
    )
    @point_lookup
    def get_director(
        self,
        warehouse: NamedDependency[Warehouse],
        nombre_director: Annotated[str, name_parameter("Nombre del director.", "John Lasseter")],
    ) -> DirectorRespuesta:
        return service.get_director(warehouse, nombre_director)

    @get(
        "/peliculas_idioma/{idioma:str}",
        cache=True,
        summary="Cantidad de películas estrenadas en un idioma (idioma original)",
        responses=responses(
            IdiomaRespuesta,
            examples.IDIOMA,
            summary="GET /peliculas_idioma/es",
            not_found=places.UNKNOWN_LANGUAGE,
        ),
    )
    @point_lookup
    def peliculas_idioma(
        self,
        warehouse: NamedDependency[Warehouse],
        idioma: Annotated[str, name_parameter("Idioma: código ISO 639-1 o nombre.", "es")],
    ) -> IdiomaRespuesta:
        return service.peliculas_idioma(warehouse, idioma)

    @get(
        "/peliculas_duracion/{pelicula:str}",
        cache=True,
        summary="Duración y año de estreno de una película",
        responses=responses(
            DuracionPelicula,
            examples.DURACION,
            summary="GET /peliculas_duracion/toy story",
            not_found=examples.UNKNOWN_TITLE,
        ),
    )
    @point_lookup
    def peliculas_duracion(
        self,
        warehouse: NamedDependency[Warehouse],
        pelicula: Annotated[str, name_parameter("Título de la película.", "Toy Story")],
    ) -> DuracionPelicula:
        return service.peliculas_duracion(warehouse, pelicula)

    @get(
        "/franquicia/{franquicia:str}",
        cache=True,
        summary="Películas, ganancia total y promedio de una franquicia",
        responses=responses(
            FranquiciaRespuesta,
            examples.FRANQUICIA,
            summary="GET /franquicia/toy story collection",
            not_found=business.UNKNOWN_FRANCHISE,
        ),
    )
    @point_lookup
    def franquicia(
        self,
        warehouse: NamedDependency[Warehouse],
        franquicia: Annotated[str, name_parameter("Nombre de la franquicia.", "Toy Story")],
    ) -> FranquiciaRespuesta:
        return service.franquicia(warehouse, franquicia)

    @get(
        "/peliculas_pais/{pais:str}",
        cache=True,
        summary="Cantidad de películas producidas en un país",
        responses=responses(
            PaisRespuesta,
            examples.PAIS,
            summary="GET /peliculas_pais/españa",
            not_found=("No country matches 'espanya'.", ["Spain"]),
        ),
    )
    @point_lookup
    def peliculas_pais(
        self,
        warehouse: NamedDependency[Warehouse],
        pais: Annotated[str, name_parameter("País: código ISO 3166-1 o nombre.", "España")],
    ) -> PaisRespuesta:
        return service.peliculas_pais(warehouse, pais)

    @get(
        "/productoras_exitosas/{productora:str}",
        cache=True,
        summary="Revenue total y cantidad de películas de una productora",
        responses=responses(
            ProductoraRespuesta,
            examples.PRODUCTORA,
            summary="GET /productoras_exitosas/pixar animation studios",
            not_found=business.UNKNOWN_COMPANY,
        ),
    )
    @point_lookup
    def productoras_exitosas(
        self,
        warehouse: NamedDependency[Warehouse],
        productora: Annotated[
            str, name_parameter("Nombre de la productora.", "Pixar Animation Studios")
        ],
    ) -> ProductoraRespuesta:
        return service.productoras_exitosas(warehouse, productora)

    # -- the streaming statement (get_max_duration ... get_recomendation) --------------------

    @get(
        "/get_max_duration",
        sync_to_thread=MAY_RUN_LONG,
        cache=True,
        summary="Película con mayor duración, opcionalmente por año, plataforma y tipo de duración",
        description="Sin `duration_type` se mide en minutos (`min`).",
        responses=responses(
            DuracionMaxima,
            examples.DURACION_MAXIMA,
            summary="GET /get_max_duration?year=2016&platform=netflix&duration_type=min",
            invalid=INVALID_PLATFORM,
            no_match=streaming.NO_LONGEST_MOVIE,
        ),
    )
    def get_max_duration(
        self,
        warehouse: NamedDependency[Warehouse],
        year: Annotated[int | None, year_parameter("Año de estreno.", 2016)] = None,
        platform: Annotated[str | None, platform_parameter("netflix")] = None,
        duration_type: Annotated[str | None, duration_type_parameter("min")] = None,
    ) -> DuracionMaxima:
        return service.get_max_duration(warehouse, year, platform, duration_type)

    @get(
        "/get_score_count",
        sync_to_thread=MAY_RUN_LONG,
        cache=True,
        summary="Cantidad de películas de una plataforma y año con un score mayor a un valor",
        responses=responses(
            ScoreRespuesta,
            examples.SCORE_COUNT,
            summary="GET /get_score_count?platform=amazon&scored=3.3&year=2014",
            invalid=INVALID_PLATFORM,
        ),
    )
    def get_score_count(
        self,
        warehouse: NamedDependency[Warehouse],
        platform: Annotated[str, platform_parameter("amazon")],
        scored: Annotated[float, SCORED_PARAMETER],
        year: Annotated[int, year_parameter("Año de estreno.", 2014)],
    ) -> ScoreRespuesta:
        return service.get_score_count(warehouse, platform, scored, year)

    @get(
        "/get_count_platform/{platform:str}",
        sync_to_thread=MAY_RUN_LONG,
        cache=True,
        summary="Cantidad de películas y series de una plataforma",
        responses=responses(
            PlataformaRespuesta,
            examples.PLATAFORMA,
            summary="GET /get_count_platform/prime",
            invalid=INVALID_PLATFORM,
        ),
    )
    def get_count_platform(
        self,
        warehouse: NamedDependency[Warehouse],
        platform: Annotated[str, platform_parameter("prime")],
    ) -> PlataformaRespuesta:
        return service.get_count_platform(warehouse, platform)

    @get(
        "/streaming/get_actor",
        sync_to_thread=MAY_RUN_LONG,
        cache=True,
        summary="Actor que más se repite en una plataforma, en un año o en todos",
        description="Películas y series; empates por nombre. Hulu no lista el reparto: 404.",
        responses=responses(
            ActorPlataformaRespuesta,
            examples.ACTOR_PLATAFORMA,
            summary="GET /streaming/get_actor?platform=netflix",
            invalid=INVALID_PLATFORM,
            no_match=NO_CAST,
        ),
    )
    def get_streaming_actor(
        self,
        warehouse: NamedDependency[Warehouse],
        platform: Annotated[str, platform_parameter("netflix")],
        year: Annotated[int | None, year_parameter("Año de estreno; sin año, todos.", 2018)] = None,
    ) -> ActorPlataformaRespuesta:
        return service.get_streaming_actor(warehouse, platform, year)

    @get(
        "/prod_per_county",
        sync_to_thread=MAY_RUN_LONG,
        cache=True,
        summary="Cantidad de contenidos de un tipo producidos en un país en un año",
        description="Sin `type`, todos los tipos; sin `year`, todos los años.",
        responses=responses(
            PaisContenidos,
            examples.PAIS_CONTENIDOS,
            summary="GET /prod_per_county?country=india&type=movie&year=2019",
            not_found=streaming.UNKNOWN_COUNTRY,
        ),
    )
    def prod_per_county(
        self,
        warehouse: NamedDependency[Warehouse],
        country: Annotated[str, name_parameter("País, como en los catálogos.", "india")],
        title_type: Annotated[str | None, TITLE_TYPE_PARAMETER] = None,
        year: Annotated[int | None, year_parameter("Año de estreno; sin año, todos.", 2019)] = None,
    ) -> PaisContenidos:
        return service.prod_per_county(warehouse, country, title_type, year)

    @get(
        "/get_contents/{rating:str}",
        sync_to_thread=MAY_RUN_LONG,
        cache=True,
        summary="Cantidad de contenidos con una clasificación (rating) de audiencia",
        responses=responses(
            ClasificacionRespuesta,
            examples.CLASIFICACION,
            summary="GET /get_contents/13+",
            not_found=streaming.UNKNOWN_RATING,
        ),
    )
    def get_contents(
        self,
        warehouse: NamedDependency[Warehouse],
        rating: Annotated[str, name_parameter("Clasificación de audiencia.", "13+", "TV-MA")],
    ) -> ClasificacionRespuesta:
        return service.get_contents(warehouse, rating)

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
            examples.RECOMENDACION,
            summary="GET /recomendacion/toy story",
            not_found=examples.UNKNOWN_TITLE,
            not_built="similar films",
        ),
    )
    def recomendacion(
        self,
        warehouse: NamedDependency[Warehouse],
        titulo: Annotated[str, name_parameter("Título de la película.", "Toy Story")],
    ) -> RecomendacionPelicula:
        return service.recomendacion(warehouse, titulo)

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
            examples.GET_RECOMENDATION,
            summary="GET /get_recomendation/toy story",
            not_found=("No streaming title matches 'toy stori'.", ["toy story"]),
            not_built="similar streaming titles",
        ),
    )
    def get_recomendation(
        self,
        warehouse: NamedDependency[Warehouse],
        titulo: Annotated[str, name_parameter("Título (película o serie).", "toy story")],
    ) -> RecomendacionStreaming:
        return service.get_recomendation(warehouse, titulo)

    # -- the recommendations statement (not cached, like the users' routes it aliases) -------

    @get(
        "/recomendacion_usuario/{user_id:int}/{titulo:str}",
        sync_to_thread=MAY_RUN_LONG,
        summary="¿Se le recomienda la película al usuario? (puntuación prevista >= 3.5)",
        responses=responses(
            RecomendacionUsuario,
            examples.RECOMENDACION_USUARIO,
            summary="GET /recomendacion_usuario/15/pulp fiction",
            not_found=("No film titled matches 'pulp fictoin'.", ["Pulp Fiction"]),
        ),
    )
    def recomendacion_usuario(
        self,
        warehouse: NamedDependency[Warehouse],
        user_id: Annotated[int, USER_ID],
        titulo: Annotated[str, name_parameter("Título de la película.", "Pulp Fiction")],
        threshold: Annotated[float, THRESHOLD] = DEFAULT_THRESHOLD,
    ) -> RecomendacionUsuario:
        return service.recomendacion_usuario(warehouse, user_id, titulo, threshold)
