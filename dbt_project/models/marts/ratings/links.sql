-- MovieLens id to IMDb and TMDB ids; movie_id is the TMDB id when it is a film in `movies`.
with

links as (

    select * from {{ ref('int_links_validated') }}
    where rejection_reason is null

),

movies as (

    select movie_id from {{ ref('movies') }}

)

select
    links.movielens_id,
    links.imdb_id,
    links.tmdb_id,
    movies.movie_id
from links
left join movies on links.tmdb_id = movies.movie_id
