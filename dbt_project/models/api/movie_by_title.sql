{{ config(materialized='view', schema='api') }}

-- One row per film, found by title key; title_rank = 1 for the most popular film of a key.
with

source as (

    select
        title_key,
        movie_id,
        title,
        release_date,
        release_year,
        popularity,
        vote_count,
        vote_average,
        runtime,
        title_rank,
        title_films
    from {{ ref('movie_title_index') }}

)

select
    title_key,
    movie_id,
    title,
    release_date,
    release_year,
    popularity,
    vote_count,
    vote_average,
    runtime,
    title_rank,
    title_films
from source
