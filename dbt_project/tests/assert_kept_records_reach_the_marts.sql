-- The kept counts of build_summary are what the marts hold: one film per kept movies record,
-- one rating per kept rating, one link per kept link.
with

summary as (

    select
        source,
        rows_kept
    from {{ ref('build_summary') }}

),

marts as (

    select
        'movies' as source,
        count(*) as mart_rows
    from {{ ref('movies') }}
    union all
    select
        'ratings' as source,
        count(*) as mart_rows
    from {{ ref('ratings') }}
    union all
    select
        'links' as source,
        count(*) as mart_rows
    from {{ ref('links') }}

)

select
    summary.source,
    summary.rows_kept,
    marts.mart_rows
from summary
inner join marts on summary.source = marts.source
where summary.rows_kept <> marts.mart_rows
