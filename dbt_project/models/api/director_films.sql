{{ config(
    materialized='table',
    post_hook=[
        "create index {{ this.identifier }}__person_id on {{ this }} (person_id)",
    ],
) }}

-- One row per (director, film) with the film's date, return, budget and revenue, numbered
-- in release order, stored by director so a lookup by person reads one row group.
with

directed as (

    select distinct
        person_id,
        movie_id
    from {{ ref('directors') }}
    where person_id is not null

),

films as (

    select
        directed.person_id,
        movies.movie_id,
        movies.title,
        movies.release_date,
        movies."return",
        movies.budget,
        movies.revenue
    from directed
    inner join {{ ref('movies') }} as movies on directed.movie_id = movies.movie_id

)

select
    person_id,
    movie_id,
    title,
    release_date,
    "return",
    budget,
    revenue,
    row_number() over (
        partition by person_id order by release_date asc, movie_id asc
    ) as film_order
from films
order by person_id, film_order
