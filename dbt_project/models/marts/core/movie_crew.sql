-- One row per crew entry of a film's kept credits record (job, department), in TMDB's order.
with

entries as (

    {{ unnest_list('int_credits_validated', 'crew_members') }}

)

select
    movie_id,
    list_position as crew_position,
    entry.id as person_id,
    entry.job,
    entry.department,
    entry.credit_id
from entries
-- An entry repeated verbatim in one film's list (the reassembled shared copy repeats the
-- first entry once per duplicate record of the film) is one credit: keep its first position.
qualify row_number() over (partition by movie_id, entry order by list_position) = 1
