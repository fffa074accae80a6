-- One row per collection (franchise) as search shows it: its name, its films, and how known
-- it is (`fame`: ln(1 + the votes of their films) over the largest).
with

films as (

    select
        collection_id,
        count(*) as films,
        sum(coalesce(vote_count, 0)) as votes
    from {{ ref('movies') }}
    where collection_id is not null
    group by collection_id

)

select
    collections.collection_id,
    collections.name,
    coalesce(films.films, 0) as films,
    {{ fame('films.votes') }} as fame
from {{ ref('collections') }} as collections
left join films on collections.collection_id = films.collection_id
order by collections.collection_id
