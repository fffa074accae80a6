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

{{ person_returns('directed') }}
