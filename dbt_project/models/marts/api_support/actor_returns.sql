{{ config(
    materialized='table',
    post_hook=[
        "create index {{ this.identifier }}__name_key on {{ this }} (name_key)",
    ],
) }}

-- One row per person with at least one cast credit in a film they did not direct (the
-- statement: "no considerar directores"): distinct films, their summed and mean return, the
-- name key, and the person's rank among people sharing that key (1 = most films).
with

cast_films as (

    select distinct
        person_id,
        movie_id
    from {{ ref('movie_cast') }}
    where person_id is not null

),

directed as (

    select
        movie_id,
        person_id
    from {{ ref('directors') }}

),

acted as (

    select
        cast_films.person_id,
        cast_films.movie_id
    from cast_films
    left join directed
        on
            cast_films.movie_id = directed.movie_id
            and cast_films.person_id = directed.person_id
    where directed.movie_id is null

),

{{ person_returns('acted') }}
