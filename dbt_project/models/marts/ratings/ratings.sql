-- Every rating the user model trains on: MovieLens (ratings_small) and the feedback posted to
-- the API (this build's snapshot), the latest rating of a user for a film winning. A film is
-- its movie_id where one is known, else its MovieLens id; the latest is the one rated last
-- (MovieLens `rated_at`, feedback `received_at`), feedback before MovieLens at the same
-- moment, then the highest feedback id. movie_id is NULL where no film in `movies` matches a
-- MovieLens id. Feedback is keyed by "the MovieLens id of the film" (links.serves_film); a film
-- no MovieLens id links to gets minus its TMDB id, so the user model (whose items are
-- MovieLens ids) trains it in as a new item and serves it.
with

movielens as (

    select * from {{ ref('int_ratings_validated') }}
    where rejection_reason is null

),

feedback as (

    select * from {{ ref('int_feedback_ratings_validated') }}
    where rejection_reason is null

),

links as (

    select
        movielens_id,
        movie_id,
        serves_film
    from {{ ref('links') }}

),

unioned as (

    select
        movielens.user_id,
        movielens.movielens_id,
        links.movie_id,
        movielens.rating::decimal(2, 1) as rating,
        movielens.rated_at,
        'movielens' as source,
        null::bigint as feedback_id
    from movielens
    left join links on movielens.movielens_id = links.movielens_id
    union all
    select
        feedback.user_id::integer as user_id,
        coalesce(links.movielens_id, -feedback.movie_id::integer) as movielens_id,
        feedback.movie_id::integer as movie_id,
        feedback.rating::decimal(2, 1) as rating,
        feedback.received_at as rated_at,
        'feedback' as source,
        feedback.feedback_id
    from feedback
    left join links on feedback.movie_id = links.movie_id and links.serves_film

)

select *
from unioned
qualify row_number() over (
    partition by user_id, coalesce(movie_id, -movielens_id)
    order by rated_at desc, source = 'feedback' desc, feedback_id desc, movielens_id asc
) = 1
