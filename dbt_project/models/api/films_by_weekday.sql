-- Films released on each ISO weekday (1 = Monday ... 7 = Sunday), all years together; every
-- weekday is listed. Weekday names in English and Spanish with their lookup keys.
with

weekdays as (

    select
        weekday,
        weekday_en,
        weekday_es
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
    weekdays.weekday_es,
    coalesce(releases.films, 0) as films,
    {{ name_key('weekdays.weekday_en') }} as weekday_en_key,
    {{ name_key('weekdays.weekday_es') }} as weekday_es_key
from weekdays
left join releases on weekdays.weekday = releases.weekday
