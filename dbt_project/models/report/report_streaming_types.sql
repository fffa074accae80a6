-- Titles per platform and type (movie, tv show).
select
    platform,
    type,
    count(*) as titles
from {{ ref('streaming_titles') }}
group by platform, type
