-- Nothing lost: every record read from a raw file is either kept or in audit.rejected_rows,
-- and every raw file yielded records (DuckDB can return 0 rows silently on a wrong CSV
-- dialect; an empty feedback store is no error).
select *
from {{ ref('build_summary') }}
where (rows_read = 0 and source <> 'feedback') or rows_read <> rows_kept + rows_rejected
