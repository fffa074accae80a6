-- Films released in each calendar month, all years together; every month is listed (0 when
-- no film). Month names in English and Spanish with their lookup keys.
with

months as (

    select
        month,
        month_en,
        month_es
    from {{ ref('month_names') }}

),

releases as (

    select
        month(release_date) as month,
        count(*) as films
    from {{ ref('movies') }}
    where release_date is not null
    group by month(release_date)

)

select
    months.month,
    months.month_en,
    months.month_es,
    coalesce(releases.films, 0) as films,
    {{ name_key('months.month_en') }} as month_en_key,
    {{ name_key('months.month_es') }} as month_es_key
from months
left join releases on months.month = releases.month
