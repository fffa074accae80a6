-- Raw records kept out of the marts, per source file and reason (audit.rejected_rows).
select
    source,
    reason,
    count(*) as rejected_rows
from {{ ref('rejected_rows') }}
group by source, reason
