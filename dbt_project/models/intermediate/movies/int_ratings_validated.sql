-- Every raw rating with the reason it is rejected: ids that are not integers, a rating that is
-- not a number in [0.5, 5], or a timestamp that is not a number. All 100,004 rows of
-- ratings_small pass.
with

ratings as (

    select * from {{ ref('stg_movies__ratings') }}

)

select
    *,
    case
        when strlen(raw_record::varchar) > {{ var('max_record_bytes') }} then 'oversized_record'
        when user_id is null or movielens_id is null then 'non_numeric_id'
        when rating is null or rating not between 0.5 and 5 or rating * 2 <> round(rating * 2)
            then 'invalid_rating'
        when rated_at is null then 'invalid_timestamp'
    end as rejection_reason
from ratings
