{{ config(
    materialized='table',
    post_hook=[
        "create index {{ this.identifier }}__person_id on {{ this }} (person_id)",
    ],
) }}

-- One row per person (everyone credited in a film's cast or crew) with every cast and crew
-- credit, newest film first (release date, then movie_id; within one film, billing position
-- or crew position), for `GET /people/{person_id}`. A person whose films are all outside
-- `movies` still has a row, with empty lists.
with

films as (

    select
        movie_id,
        title,
        release_date,
        release_year
    from {{ ref('movies') }}

),

cast_credits as (

    select
        movie_cast.person_id,
        list(
            {
                'movie_id': films.movie_id,
                'title': films.title,
                'release_year': films.release_year,
                'character': movie_cast."character",
                'order': movie_cast.cast_order
            }
            order by
                films.release_date desc nulls last,
                films.movie_id asc,
                movie_cast.cast_position asc
        ) as cast_credits
    from {{ ref('movie_cast') }} as movie_cast
    inner join films on movie_cast.movie_id = films.movie_id
    group by movie_cast.person_id

),

crew_credits as (

    select
        movie_crew.person_id,
        list(
            {
                'movie_id': films.movie_id,
                'title': films.title,
                'release_year': films.release_year,
                'job': movie_crew.job,
                'department': movie_crew.department
            }
            order by
                films.release_date desc nulls last,
                films.movie_id asc,
                movie_crew.crew_position asc
        ) as crew_credits
    from {{ ref('movie_crew') }} as movie_crew
    inner join films on movie_crew.movie_id = films.movie_id
    group by movie_crew.person_id

)

select
    people.person_id,
    people.name,
    people.gender,
    coalesce(cast_credits.cast_credits, []) as cast_credits,
    coalesce(crew_credits.crew_credits, []) as crew_credits
from {{ ref('people') }} as people
left join cast_credits on people.person_id = cast_credits.person_id
left join crew_credits on people.person_id = crew_credits.person_id
order by people.person_id
