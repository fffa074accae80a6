{{ config(
    materialized='table',
    post_hook=["create index {{ this.identifier }}__name_key on {{ this }} (name_key)"],
) }}

-- Success of each actor measured by return, over cast credits in films the person did not
-- direct (the statement: "no considerar directores"); films counted once. Stored in key order
-- with an index on name_key: a lookup reads a handful of rows.
select
    person_id,
    name,
    name_key,
    films,
    total_return,
    average_return,
    name_rank
from {{ ref('person_film_returns') }}
where role = 'actor'
order by name_key, name_rank
