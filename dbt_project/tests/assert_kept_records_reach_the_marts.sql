-- The kept counts of build_summary are what the marts hold: one film per kept movies record,
-- one rating per kept rating, one link per kept link, one title per kept catalogue record.
with

summary as (

    select
        case
            when source in ('amazon', 'disney', 'hulu', 'netflix') then 'streaming_titles'
            else source
        end as source,
        sum(rows_kept) as rows_kept
    from {{ ref('build_summary') }}
    group by all

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
    union all
    select
        'streaming_titles' as source,
        count(*) as mart_rows
    from {{ ref('streaming_titles') }}

)

select
    summary.source,
    summary.rows_kept,
    marts.mart_rows
from summary
inner join marts on summary.source = marts.source
where summary.rows_kept <> marts.mart_rows
