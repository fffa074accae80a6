-- One row per film as search shows it: its titles (what the index matches), the figures a
-- result lists, and how known it is (`fame`: ln(1 + votes) over the largest among films, 0 to
-- 1), which the ranking blends with text relevance. A log scale, not a percentile: the
-- top of the list has to stay apart (12,269 votes against 2,000 is a real difference, and
-- percentiles would make both 0.99).
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
    coalesce(
        ln(1 + coalesce(vote_count, 0)) / nullif(max(ln(1 + coalesce(vote_count, 0))) over (), 0),
        0
    ) as fame
from movies
order by movie_id
