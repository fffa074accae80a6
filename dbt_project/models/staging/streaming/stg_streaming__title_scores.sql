-- One row per raw score record: `movieId` is the title id (`as1` = Amazon `s1`).
with

source as (

    select * from {{ ref('base_streaming__title_scores') }}

),

renamed as (

    select
        record_number,
        lower(trim("movieId")) as title_id,
        try_cast(score as double) as score,
        to_json(struct_pack("movieId", score)) as raw_record
    from source

)

select * from renamed
