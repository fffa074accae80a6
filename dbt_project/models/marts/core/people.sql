-- One row per TMDB person credited in cast or crew of a kept film; name, gender and profile
-- as first seen in file order (cast before crew within a record).
with

cast_entries as (

    {{ unnest_list('int_credits_validated', 'cast_members') }}

),

crew_entries as (

    {{ unnest_list('int_credits_validated', 'crew_members') }}

),

credited as (

    select
        entry.id as person_id,
        entry.name,
        entry.gender,
        entry.profile_path,
        record_number,
        0 as list_kind,
        list_position
    from cast_entries
    union all
    select
        entry.id as person_id,
        entry.name,
        entry.gender,
        entry.profile_path,
        record_number,
        1 as list_kind,
        list_position
    from crew_entries

)

select
    person_id,
    first(name order by record_number, list_kind, list_position) as name,
    first(gender order by record_number, list_kind, list_position) as gender,
    first(profile_path order by record_number, list_kind, list_position) as profile_path
from credited
group by person_id
