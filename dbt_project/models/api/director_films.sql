{{ config(materialized='view', schema='api') }}

-- Every film of every director, numbered by release date (film_order).
with

source as (

    select
        person_id,
        movie_id,
        title,
        release_date,
        "return",
        budget,
        revenue,
        film_order
    from {{ ref('director_filmography') }}

)

select
    person_id,
    movie_id,
    title,
    release_date,
    "return",
    budget,
    revenue,
    film_order
from source
