-- Films released on each ISO weekday (1 = Monday), all years together; every weekday is
-- listed (0 when no film).
with

weekdays as (

    select
        weekday,
        weekday_en
    from {{ ref('weekday_names') }}

),

releases as (

    select
        isodow(release_date) as weekday,
        count(*) as films
    from {{ ref('movies') }}
    where release_date is not null
    group by isodow(release_date)

)

select
    weekdays.weekday,
    weekdays.weekday_en,
    coalesce(releases.films, 0) as films
from weekdays
left join releases on weekdays.weekday = releases.weekday
