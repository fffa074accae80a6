"""OpenAPI examples of the statement's Spanish routes: the domain examples plus `mensaje`
(figures from the full data)."""

from __future__ import annotations

from api.catalog.business import examples as business
from api.catalog.people import examples as people
from api.catalog.places import examples as places
from api.catalog.releases import examples as releases
from api.streaming import examples as streaming
from api.users import examples as users

MES = {
    **releases.JANUARY,
    "mensaje": "5909 cantidad de películas fueron estrenadas en el mes de enero",
}
DIA = {
    "weekday": 1,
    "weekday_en": "monday",
    "weekday_es": "lunes",
    "films": 3500,
    "mensaje": "3500 cantidad de películas fueron estrenadas en los días lunes",
}
SCORE_TITULO = {
    "movie_id": 862,
    "title": "Toy Story",
    "release_year": 1995,
    "popularity": 21.946943,
    "mensaje": "La película Toy Story fue estrenada en el año 1995 con un "
    "score/popularidad de 21.946943",
    "otras_coincidencias": [],
}
VOTOS_TITULO = {
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
}
ACTOR = {
    **people.ACTOR,
    "mensaje": "El actor Tom Hanks ha participado de 48 cantidad de filmaciones, el "
    "mismo ha conseguido un retorno de 152.6066 con un promedio de 3.1793 por "
    "filmación",
}
DIRECTOR = {
    **people.DIRECTOR,
    "mensaje": "El director John Lasseter ha dirigido 10 películas, con un retorno "
    "total de 27.6544 y un promedio de 2.7654 por filmación",
}
IDIOMA = {
    **places.SPANISH,
    "mensaje": "992 cantidad de películas fueron estrenadas en idioma Español",
}
DURACION = {
    "movie_id": 862,
    "title": "Toy Story",
    "runtime": 81,
    "release_year": 1995,
    "mensaje": "Toy Story. Duración: 81 minutos. Año: 1995",
    "otras_coincidencias": [],
}
FRANQUICIA = {
    **business.TOY_STORY_COLLECTION,
    "mensaje": "La franquicia Toy Story Collection posee 3 películas, una ganancia "
    "total de 1937890605 y una ganancia promedio de 645963535",
}
PAIS = {
    "code": "ES",
    "country": "Spain",
    "country_es": "España",
    "films": 964,
    "mensaje": "Se produjeron 964 películas en el país España",
}
PRODUCTORA = {
    **business.PIXAR,
    "mensaje": "La productora Pixar Animation Studios ha tenido un revenue de "
    "11188533734 en 52 películas",
}

DURACION_MAXIMA = {
    **streaming.LONGEST_MOVIE,
    "mensaje": "La película más larga de Netflix estrenada en 2016 es sairat "
    "(Netflix, 2016), con 173 minutos",
}
SCORE_COUNT = {
    **streaming.SCORE_COUNT,
    "mensaje": "286 películas de Amazon Prime Video estrenadas en 2014 tienen un score mayor a 3.3",
}
PLATAFORMA = {
    **streaming.PLATFORM_COUNTS,
    "mensaje": "Amazon Prime Video tiene 7814 películas y 1854 series",
}
ACTOR_PLATAFORMA = {
    **streaming.TOP_ACTOR,
    "mensaje": "El actor que más se repite en Netflix (todos los años) es "
    "anupam kher, con 43 apariciones",
}
PAIS_CONTENIDOS = {
    **streaming.COUNTRY_TITLES,
    "mensaje": "Se produjeron 130 películas en india en 2019",
}
CLASIFICACION = {
    **streaming.RATING_TITLES,
    "mensaje": "2117 contenidos tienen la clasificación 13+",
}

RECOMENDACION = {
    "titulo": "Toy Story",
    "movie_id": 862,
    "recomendaciones": [
        "Toy Story 2",
        "Toy Story 3",
        "A Bug's Life",
        "Monsters, Inc.",
        "Forrest Gump",
    ],
    "mensaje": "Las 5 películas más parecidas a Toy Story son: Toy Story 2, "
    "Toy Story 3, A Bug's Life, Monsters, Inc., Forrest Gump",
    "otras_coincidencias": [],
}
GET_RECOMENDATION = {
    "title_id": "ds1378",
    "titulo": "toy story",
    "platform": "disney",
    "recomendacion": [
        "toy story 2",
        "toy story 3",
        "toy story: that time forgot",
        "toy story toons: small fry",
        "toy story 4",
    ],
    "mensaje": "Los 5 títulos más parecidos a toy story son: toy story 2, "
    "toy story 3, toy story: that time forgot, toy story toons: small fry, toy story 4",
    "otras_coincidencias": [],
}
RECOMENDACION_USUARIO = {
    **users.PREDICTION,
    "title": "Pulp Fiction",
    "mensaje": "Se recomienda Pulp Fiction al usuario 15 (puntuación prevista 4.07 "
    "de 5; ya la puntuó con 5)",
    "otras_coincidencias": [],
}

UNKNOWN_TITLE = ("No film titled matches 'toy stori'.", ["Toy Story"])
