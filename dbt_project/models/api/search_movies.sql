-- One row per film as search shows it: its titles (what the index matches), the figures a
-- result lists, and how known it is (`fame`: ln(1 + votes) over the largest among films, 0 to
-- 1), which the ranking blends with text relevance.
with

movies as (

    select
        movies.movie_id,
        movies.title,
        titles.original_title,
        movies.release_year,
        movies.popularity,
        movies.vote_count,
        movies.vote_average
    from {{ ref('movies') }} as movies
    left join {{ ref('movie_original_titles') }} as titles
        on movies.movie_id = titles.movie_id

)

select
    movie_id,
    title,
    original_title,
    release_year,
    popularity,
    vote_count,
    vote_average,
    {{ fame('vote_count') }} as fame
from movies
order by movie_id
