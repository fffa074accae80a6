{{ config(materialized='view', schema='api') }}

-- Success of each director (crew job `Director`) measured by return, films counted once.
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
    from {{ ref('director_returns') }}

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
