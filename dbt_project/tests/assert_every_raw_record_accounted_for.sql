-- Nothing lost: every record read from a raw file is either kept or in audit.rejected_rows,
-- and every file yielded records (DuckDB can return 0 rows silently on a wrong CSV dialect).
select *
from {{ ref('build_summary') }}
where rows_read = 0 or rows_read <> rows_kept + rows_rejected
