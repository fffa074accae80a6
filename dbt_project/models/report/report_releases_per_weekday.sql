-- Films released on each ISO weekday (1 = Monday), all years together: the API's answer
-- (api.films_by_weekday), so the report and /releases/weekdays agree by construction.
with

weekdays as (

    select
        weekday,
        weekday_en,
        films
    from {{ ref('films_by_weekday') }}

)

select
    weekday,
    weekday_en,
    films
from weekdays
