-- One row per streaming title with every field of the catalogue and, for a movie linked to a
-- TMDB film (streaming_title_movies), that film (`GET /streaming/titles/{title_id}`).
-- Example: select title, platform, movie_id, movie_title from api.streaming_title_details
--          where title_id = 'ds1378';
with

titles as (

    select
        title_id,
        platform,
        show_id,
        type,
        title,
        director,
        "cast",
        country,
        date_added,
        release_year,
        rating,
        duration_int,
        duration_type,
        listed_in,
        description,
        score
    from {{ ref('streaming_titles') }}

),

links as (

    select
        title_movies.title_id,
        title_movies.movie_id,
        movies.title as movie_title,
        movies.release_year as movie_release_year,
        title_movies.match_quality
    from {{ ref('streaming_title_movies') }} as title_movies
    inner join {{ ref('movies') }} as movies on title_movies.movie_id = movies.movie_id

)

select
    titles.title_id,
    titles.platform,
    titles.show_id,
    titles.type,
    titles.title,
    titles.director,
    titles."cast",
    titles.country,
    titles.date_added,
    titles.release_year,
    titles.rating,
    titles.duration_int,
    titles.duration_type,
    titles.listed_in,
    titles.description,
    titles.score,
    links.movie_id,
    links.movie_title,
    links.movie_release_year,
    links.match_quality
from titles
left join links on titles.title_id = links.title_id
