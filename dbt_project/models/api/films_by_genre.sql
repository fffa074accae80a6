-- One row per genre: the films of the catalogue that have it (0 when none), for `GET /genres`.
with

tagged as (

    select
        genre_id,
        count(*) as films
    from {{ ref('movie_genres') }}
    group by genre_id

)

select
    genres.genre_id,
    genres.name,
    coalesce(tagged.films, 0) as films
from {{ ref('genres') }} as genres
left join tagged on genres.genre_id = tagged.genre_id
