-- audit.rejected_rows holds exactly the rejected records build_summary counts, per source.
with

summary as (

    select
        source,
        rows_rejected
    from {{ ref('build_summary') }}

),

rejected as (

    select
        source,
        count(*) as rejected_rows
    from {{ ref('rejected_rows') }}
    group by source

)

select
    summary.source,
    summary.rows_rejected,
    coalesce(rejected.rejected_rows, 0) as listed
from summary
left join rejected on summary.source = rejected.source
where summary.rows_rejected <> coalesce(rejected.rejected_rows, 0)
