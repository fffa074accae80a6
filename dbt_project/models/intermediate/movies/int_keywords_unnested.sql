-- One row per keyword entry of the kept keywords records, unnested once here for keywords
-- and movie_keywords. `list_position` is the 1-based place in the film's list and
-- `record_number` the record's place in the raw file (for "first seen" names).
with

entries as (

    select
        movie_id,
        record_number,
        generate_subscripts(keywords, 1) as list_position,
        unnest(keywords) as entry
    from {{ ref('int_keywords_validated') }}
    where rejection_reason is null

)

select
    movie_id,
    record_number,
    list_position,
    entry.id as keyword_id,
    entry.name
from entries
