{{ config(
    materialized='table',
    post_hook=[
        "create index {{ this.identifier }}__imdb_id on {{ this }} (imdb_id)",
        "create index {{ this.identifier }}__movielens_id on {{ this }} (movielens_id)",
    ],
) }}

-- One row per MovieLens film of links.csv with its IMDb id (the number, and its usual
-- spelling: `tt` and at least seven digits) and the TMDB film it is, for
-- `GET /find/{external_id}`. movie_id is NULL when that TMDB film is not in `movies`, so the
-- route can tell an unknown id from a known one whose film the catalogue lacks.
select
    movielens_id,
    imdb_id,
    'tt' || lpad(cast(imdb_id as varchar), 7, '0') as imdb_ref,
    tmdb_id,
    movie_id
from {{ ref('links') }}
order by movielens_id
