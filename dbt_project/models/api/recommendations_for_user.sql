-- A user's top 50 films with titles, best first.
with

recommendations as (

    select
        user_id,
        rank,
        movie_id,
        score,
        reason
    from {{ ref('user_recommendations') }}

),

movies as (

    select
        movie_id,
        title
    from {{ ref('movies') }}

)

select
    recommendations.user_id,
    recommendations.rank,
    recommendations.movie_id,
    movies.title,
    recommendations.score,
    recommendations.reason
from recommendations
inner join movies on recommendations.movie_id = movies.movie_id
