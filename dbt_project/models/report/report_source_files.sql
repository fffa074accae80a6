-- Per raw file of the build: rows read, kept and rejected, and the rows repaired on the way
-- in (audit.repaired_rows: streaming durations found in the rating field).
with

repairs as (

    select
        source,
        count(*) as repaired_rows
    from {{ ref('repaired_rows') }}
    group by source

)

select
    summary.source,
    summary.source_file,
    summary.rows_read,
    summary.rows_kept,
    summary.rows_rejected,
    coalesce(repairs.repaired_rows, 0) as repaired_rows
from {{ ref('build_summary') }} as summary
left join repairs on summary.source = repairs.source
