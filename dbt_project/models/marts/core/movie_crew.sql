-- One row per crew entry of a film's kept credits record (job, department), in TMDB's order.
-- An entry repeated verbatim in one film's list is one credit: its first position is kept.
select
    movie_id,
    list_position as crew_position,
    person_id,
    job,
    department,
    credit_id
from {{ ref('int_credits_unnested') }}
where credit_type = 'crew' and not is_repeat
