-- One row per raw record of credits.csv, in file order, with `cast` and `crew` parsed.
with

source as (

    select * from {{ ref('base_movies__credits') }}

),

jsonified as (

    select
        *,
        {{ python_repr_to_json('"cast"') }} as cast_json,
        {{ python_repr_to_json('crew') }} as crew_json
    from source

),

renamed as (

    select
        record_number,
        {{ to_id('id') }} as movie_id,
        {{ from_repr_json('cast_json', nested_type('cast_list')) }} as cast_members,
        {{ from_repr_json('crew_json', nested_type('crew_list')) }} as crew_members,
        cast_json,
        crew_json,
        (
            {{ is_unparseable('"cast"', 'cast_json') }}
            or {{ is_unparseable('crew', 'crew_json') }}
        ) as has_unparseable_nested,
        to_json(struct_pack("cast", crew, id)) as raw_record
    from jsonified

)

select * from renamed
