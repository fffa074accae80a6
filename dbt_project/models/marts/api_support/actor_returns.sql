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

totals as (

    select
        acted.person_id,
        count(*) as films,
        sum(movies."return") as total_return
    from acted
    inner join {{ ref('movies') }} as movies on acted.movie_id = movies.movie_id
    group by acted.person_id

),

named as (

    select
        totals.person_id,
        people.name,
        {{ name_key('people.name') }} as name_key,
        totals.films,
        totals.total_return,
        totals.total_return / totals.films as average_return
    from totals
    inner join {{ ref('people') }} as people on totals.person_id = people.person_id

)

select
    person_id,
    name,
    name_key,
    films,
    total_return,
    average_return,
    row_number() over (
        partition by name_key order by films desc, person_id asc
    ) as name_rank
from named
order by name_key, name_rank
