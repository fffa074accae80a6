-- One row per TMDB person credited in cast or crew of a kept film; name, gender and profile
-- as first seen in file order (cast before crew within a record).
with

credited as (

    select
        person_id,
        name,
        gender,
        profile_path,
        record_number,
        case credit_type when 'cast' then 0 else 1 end as list_kind,
        list_position
    from {{ ref('int_credits_unnested') }}

)

select
    person_id,
    first(name order by record_number, list_kind, list_position) as name,
    first(gender order by record_number, list_kind, list_position) as gender,
    first(profile_path order by record_number, list_kind, list_position) as profile_path
from credited
group by person_id
