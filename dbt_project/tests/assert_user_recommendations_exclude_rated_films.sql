-- No user is recommended a film they rated (issue 7): every row here is a failure.
select
    recommendations.user_id,
    recommendations.movie_id
from {{ ref('user_recommendations') }} as recommendations
inner join {{ ref('ratings') }} as ratings
    on
        recommendations.user_id = ratings.user_id
        and recommendations.movie_id = ratings.movie_id
