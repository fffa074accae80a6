-- One row per raw record of ratings_small.csv (MovieLens ids; `timestamp` is Unix seconds).
with

source as (

    select * from {{ ref('base_movies__ratings') }}

),

renamed as (

    select
        record_number,
        {{ to_id('"userId"') }} as user_id,
        {{ to_id('"movieId"') }} as movielens_id,
        try_cast(rating as double) as rating,
        make_timestamp(try_cast("timestamp" as bigint) * 1000000) as rated_at,
        to_json(struct_pack("userId", "movieId", rating, "timestamp")) as raw_record
    from source

)

select * from renamed
