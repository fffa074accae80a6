{{ config(materialized='view', schema='api') }}

-- Success of each actor measured by return, over cast credits in films the person did not
-- direct (the statement: "no considerar directores"); films counted once.
with

source as (

    select
        person_id,
        name,
        name_key,
        films,
        total_return,
        average_return,
        name_rank
    from {{ ref('actor_returns') }}

)

select
    person_id,
    name,
    name_key,
    films,
    total_return,
    average_return,
    name_rank
from source
