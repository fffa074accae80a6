-- Every rating of the feedback snapshot with the reason it is rejected: a user id that is not
-- a positive 32-bit integer (the user model's ids), a film that is not in this build's
-- `movies` (the API checks films against the live build; a rebuild may have dropped one),
-- a rating that is not in [0.5, 5] in half stars, or a received_at that is not a timestamp.
with

feedback as (

    select * from {{ ref('stg_feedback__ratings') }}

),

films as (

    select movie_id from {{ ref('int_movies_validated') }}
    where rejection_reason is null

)

select
    feedback.*,
    case
        when feedback.user_id is null or feedback.user_id not between 1 and 2147483647
            then 'invalid_user_id'
        when
            feedback.rating is null
            or feedback.rating not between 0.5 and 5
            or feedback.rating * 2 <> round(feedback.rating * 2)
            then 'invalid_rating'
        when feedback.received_at is null then 'invalid_timestamp'
        when films.movie_id is null then 'unknown_film'
    end as rejection_reason
from feedback
left join films on feedback.movie_id = films.movie_id
