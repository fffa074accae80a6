-- One row per rating of the feedback snapshot (the store's rows up to the build's watermark),
-- typed and renamed; record_number is the store's id, so audit.rejected_rows can name it.
with

source as (

    select * from {{ source('feedback', 'ratings') }}

),

renamed as (

    select
        feedback_id as record_number,
        feedback_id,
        user_id,
        movie_id,
        rating,
        try_cast(received_at as timestamptz) at time zone 'UTC' as received_at,
        to_json(struct_pack(feedback_id, user_id, movie_id, rating, received_at)) as raw_record
    from source

)

select * from renamed
