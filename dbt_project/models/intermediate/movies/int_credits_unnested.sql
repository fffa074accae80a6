-- One row per cast or crew entry of the kept credits records, unnested once here for people,
-- movie_cast and movie_crew. `credit_type` is `cast` or `crew`; `list_position` the 1-based
-- place in that list; `record_number` the record's place in the raw file (for "first seen"
-- names). `is_repeat` marks an entry repeated verbatim earlier in the same film's list (the
-- reassembled shared copy repeats the first entry once per duplicate record of a film): the
-- credit bridges keep only its first position.
with

kept as (

    select
        movie_id,
        record_number,
        cast_members,
        crew_members
    from {{ ref('int_credits_validated') }}
    where rejection_reason is null

),

cast_entries as (

    select
        movie_id,
        record_number,
        generate_subscripts(cast_members, 1) as list_position,
        unnest(cast_members) as entry
    from kept

),

crew_entries as (

    select
        movie_id,
        record_number,
        generate_subscripts(crew_members, 1) as list_position,
        unnest(crew_members) as entry
    from kept

)

select
    movie_id,
    record_number,
    'cast' as credit_type,
    list_position,
    entry.id as person_id,
    entry.name,
    entry.gender,
    entry.profile_path,
    entry.credit_id,
    entry.cast_id,
    entry."order" as cast_order,
    entry."character",
    null::varchar as job,
    null::varchar as department,
    row_number() over (partition by movie_id, entry order by list_position) > 1 as is_repeat
from cast_entries
union all
select
    movie_id,
    record_number,
    'crew' as credit_type,
    list_position,
    entry.id as person_id,
    entry.name,
    entry.gender,
    entry.profile_path,
    entry.credit_id,
    null::integer as cast_id,
    null::integer as cast_order,
    null::varchar as "character",
    entry.job,
    entry.department,
    row_number() over (partition by movie_id, entry order by list_position) > 1 as is_repeat
from crew_entries
