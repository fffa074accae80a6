{{ config(
    materialized='table',
    post_hook=[
        "create index {{ this.identifier }}__name_key on {{ this }} (name_key)",
    ],
) }}

-- One row per person credited with crew job `Director` on at least one film: distinct
-- films, their summed and mean return, the name key, and the person's rank among people
-- sharing that key (1 = most films).
with

directed as (

    select distinct
        person_id,
        movie_id
    from {{ ref('directors') }}
    where person_id is not null

),

totals as (

    select
        directed.person_id,
        count(*) as films,
        sum(movies."return") as total_return
    from directed
    inner join {{ ref('movies') }} as movies on directed.movie_id = movies.movie_id
    group by directed.person_id

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
