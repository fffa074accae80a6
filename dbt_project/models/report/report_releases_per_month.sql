-- Films released in each calendar month, all years together, and how many of them on the
-- first day of the month: TMDB stores a bare year as 1 January, so January's lead is partly
-- a placeholder date. Every month is listed (0 when no film).
with

months as (

    select
        month,
        month_en
    from {{ ref('month_names') }}

),

releases as (

    select
        month(release_date) as month,
        count(*) as films,
        count(*) filter (where day(release_date) = 1) as first_day_films
    from {{ ref('movies') }}
    where release_date is not null
    group by month(release_date)

)

select
    months.month,
    months.month_en,
    coalesce(releases.films, 0) as films,
    coalesce(releases.first_day_films, 0) as first_day_films
from months
left join releases on months.month = releases.month
