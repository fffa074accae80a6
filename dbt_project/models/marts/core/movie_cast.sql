-- One row per cast entry of a film's kept credits record, in billing order. A person can
-- appear twice in one film (two characters), so the key is (movie_id, cast_position).
with

entries as (

    {{ unnest_list('int_credits_validated', 'cast_members') }}

)

select
    movie_id,
    list_position as cast_position,
    entry.id as person_id,
    entry."order" as cast_order,
    entry."character",
    entry.credit_id,
    entry.cast_id
from entries
-- An entry repeated verbatim in one film's list (the reassembled shared copy repeats the
-- first entry once per duplicate record of the film) is one credit: keep its first position.
qualify row_number() over (partition by movie_id, entry order by list_position) = 1
