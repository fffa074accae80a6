-- One row per raw record of keywords.csv, in file order, with `keywords` parsed.
with

source as (

    select * from {{ ref('base_movies__keywords') }}

),

jsonified as (

    select
        *,
        {{ python_repr_to_json('keywords') }} as keywords_json
    from source

),

renamed as (

    select
        record_number,
        {{ to_id('id') }} as movie_id,
        {{ from_repr_json('keywords_json', nested_type('id_name_list')) }} as keywords,
        keywords_json,
        {{ is_unparseable('keywords', 'keywords_json') }} as has_unparseable_nested,
        to_json(struct_pack(id, keywords)) as raw_record
    from jsonified

)

select * from renamed
