-- The answer of `GET /users/{user_id}/recommendations` without parameters for every user
-- with recommendations: their var('recommendations_default_limit') best films, as JSON text.
-- Other limits are answered from api.recommendations_for_user per request.
with

recommendations as (

    select
        user_id,
        rank,
        movie_id,
        title,
        score,
        reason
    from {{ ref('recommendations_for_user') }}
    where rank <= {{ var('recommendations_default_limit') }}

),

users as (

    select
        user_id,
        list(
            { 'movie_id': movie_id, 'title': title, 'score': score, 'reason': reason }
            order by rank
        ) as items
    from recommendations
    group by user_id

)

select
    user_id,
    to_json({ 'user_id': user_id, 'items': items })::varchar as document
from users
