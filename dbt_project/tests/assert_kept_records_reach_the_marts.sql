-- The kept counts of build_summary are what the marts hold: one film per kept movies record,
-- one link per kept link, one title per kept catalogue record, and one rating per user and
-- film among the kept MovieLens and feedback ratings (the latest wins, the others are kept
-- records replaced, not lost). A film is its movie_id where known, else its MovieLens id.
with

summary as (

    select
        case
            when source in ('amazon', 'disney', 'hulu', 'netflix') then 'streaming_titles'
            when source = 'feedback' then 'ratings'
            else source
        end as source,
        sum(rows_kept) as rows_kept
    from {{ ref('build_summary') }}
    group by all

),

kept_ratings as (

    select
        ratings.user_id,
        coalesce(links.movie_id, -ratings.movielens_id) as film
    from {{ ref('int_ratings_validated') }} as ratings
    left join {{ ref('links') }} as links on ratings.movielens_id = links.movielens_id
    where ratings.rejection_reason is null
    union all
    select
        user_id,
        movie_id as film
    from {{ ref('int_feedback_ratings_validated') }}
    where rejection_reason is null

),

kept_films as (

    select distinct
        user_id,
        film
    from kept_ratings

),

marts as (

    select
        'movies' as source,
        count(*) as mart_rows,
        count(*) as expected_rows
    from {{ ref('movies') }}
    union all
    select
        'ratings' as source,
        count(*) as mart_rows,
        (select count(*) from kept_films) as expected_rows
    from {{ ref('ratings') }}
    union all
    select
        'links' as source,
        count(*) as mart_rows,
        count(*) as expected_rows
    from {{ ref('links') }}
    union all
    select
        'streaming_titles' as source,
        count(*) as mart_rows,
        count(*) as expected_rows
    from {{ ref('streaming_titles') }}

)

select
    summary.source,
    summary.rows_kept,
    marts.mart_rows,
    marts.expected_rows
from summary
inner join marts on summary.source = marts.source
where
    marts.mart_rows <> marts.expected_rows
    or (summary.source = 'ratings' and summary.rows_kept <> (select count(*) from kept_ratings))
    or (summary.source <> 'ratings' and summary.rows_kept <> marts.mart_rows)
