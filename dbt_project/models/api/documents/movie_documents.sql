-- The answer of `GET /movies/{movie_id}` for every film, as JSON text: the fields of
-- api.movie_details in the response's order, the collection as an object (null without one).
-- The build writes these bodies into the build's document store (warehouse/documents.py), so
-- the route sends them without a query; the API's tests hold them equal, byte for byte, to
-- the answer assembled from api.movie_details.
select
    movie_id,
    to_json({
        'movie_id': movie_id,
        'title': title,
        'original_language': original_language,
        'overview': overview,
        'tagline': tagline,
        'status': status,
        'release_date': release_date,
        'release_year': release_year,
        'budget': budget,
        'revenue': revenue,
        'return': "return",
        'runtime': runtime,
        'popularity': popularity,
        'vote_average': vote_average,
        'vote_count': vote_count,
        'collection': case
            when collection_id is not null
                then { 'collection_id': collection_id, 'name': collection_name }
        end,
        'genres': genres,
        'companies': companies,
        'countries': countries,
        'spoken_languages': spoken_languages,
        'directors': directors,
        'top_cast': top_cast,
        'available_on': available_on
    })::varchar as document
from {{ ref('movie_details') }}
