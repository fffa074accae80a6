{{ config(materialized='view', schema='api') }}

-- The statement's get_actor: how often each actor appears per platform and release year (all
-- types), ranked (1 = most frequent, ties by name). Rows with release_year NULL count all
-- years. Hulu's catalogue has no cast at all, so it has no row. Reads the precomputed
-- main.streaming_actor_ranks.
-- Example: select actor, appearances from api.streaming_top_actors
--          where platform = 'netflix' and release_year = 2018 and actor_rank = 1;
select
    platform,
    release_year,
    actor,
    appearances,
    actor_rank
from {{ ref('streaming_actor_ranks') }}
