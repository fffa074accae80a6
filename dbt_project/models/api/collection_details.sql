{{ config(
    materialized='table',
    post_hook=[
        "create index {{ this.identifier }}__collection_id on {{ this }} (collection_id)",
    ],
) }}

-- One row per collection with its films in release order (undated last, then movie_id), for
-- `GET /collections/{collection_id}`. The film count and total revenue are franchise_success's
-- (what `GET /franchises/{name}` answers), so both routes always agree.
with

films as (

    select
        collection_id,
        list(
            {
                'movie_id': movie_id,
                'title': title,
                'release_date': release_date,
                'release_year': release_year,
                'revenue': revenue
            }
            order by release_date asc nulls last, movie_id asc
        ) as movies
    from {{ ref('movies') }}
    where collection_id is not null
    group by collection_id

)

select
    collections.collection_id,
    collections.name,
    franchises.films,
    franchises.total_revenue,
    coalesce(films.movies, []) as movies
from {{ ref('collections') }} as collections
inner join {{ ref('franchise_success') }} as franchises
    on collections.collection_id = franchises.collection_id
left join films on collections.collection_id = films.collection_id
order by collections.collection_id
