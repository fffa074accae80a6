-- One row per cast entry of a film's kept credits record, in billing order. A person can
-- appear twice in one film (two characters), so the key is (movie_id, cast_position). An
-- entry repeated verbatim in one film's list is one credit: its first position is kept.
select
    movie_id,
    list_position as cast_position,
    person_id,
    cast_order,
    "character",
    credit_id,
    cast_id
from {{ ref('int_credits_unnested') }}
where credit_type = 'cast' and not is_repeat
