-- Films released in each calendar month, all years together (the API's answer,
-- api.films_by_month), and how many of them on the first day of the month: TMDB stores a
-- bare year as 1 January, so January's lead is partly a placeholder date.
with

months as (

    select
        month,
        month_en,
        films
    from {{ ref('films_by_month') }}

),

first_days as (

    select
        month(release_date) as month,
        count(*) as first_day_films
    from {{ ref('movies') }}
    where day(release_date) = 1
    group by month(release_date)

)

select
    months.month,
    months.month_en,
    months.films,
    coalesce(first_days.first_day_films, 0) as first_day_films
from months
left join first_days on months.month = first_days.month
