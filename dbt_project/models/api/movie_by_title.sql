{{ config(
    materialized='table',
    post_hook=[
        "create index {{ this.identifier }}__title_key on {{ this }} (title_key)",
        "create index {{ this.identifier }}__movie_id on {{ this }} (movie_id)",
    ],
) }}

-- One row per film with its title key and its rank among the films sharing that key
-- (1 = the most popular), stored in key order so a lookup by key reads one row group.
with

films as (

    select
        movie_id,
        title,
        release_date,
        release_year,
        popularity,
        vote_count,
        vote_average,
        runtime,
        {{ name_key('title') }} as title_key
    from {{ ref('movies') }}
    where title is not null

),

ranked as (

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
        row_number() over (
            partition by title_key
            order by popularity desc nulls last, vote_count desc nulls last, movie_id asc
        ) as title_rank,
        count(*) over (partition by title_key) as title_films
    from films

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
from ranked
order by title_key, title_rank
