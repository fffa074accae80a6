-- The answer of `GET /movies/{movie_id}/similar` without parameters for every film: its
-- var('similar_default_limit') most similar films, as JSON text (no `rank`: it is given only
-- with a filter). A film without suggestions answers `items: []`. Other limits and the
-- filters are answered from api.film_suggestions per request.
with

suggestions as (

    select
        movie_id,
        title,
        rank,
        similar_movie_id,
        similar_title,
        similar_release_year,
        score,
        shared_genres,
        shared_keywords,
        shared_people,
        same_collection
    from {{ ref('film_suggestions') }}

),

films as (

    select
        movie_id,
        any_value(title) as title,
        coalesce(
            list(
                {
                    'movie_id': similar_movie_id,
                    'title': similar_title,
                    'release_year': similar_release_year,
                    'score': score,
                    'shared': {
                        'genres': shared_genres,
                        'keywords': shared_keywords,
                        'people': shared_people
                    },
                    'same_collection': same_collection
                }
                order by rank
            ) filter (
                where rank is not null and rank <= {{ var('similar_default_limit') }}
            ),
            []
        ) as items
    from suggestions
    group by movie_id

)

select
    movie_id,
    to_json({ 'movie_id': movie_id, 'title': title, 'items': items })::varchar as document
from films
