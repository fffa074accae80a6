-- Titles per platform and year added to the catalogue; year_added is NULL for titles whose
-- date_added is empty (one row per platform holds them).
select
    platform,
    year(date_added) as year_added,
    count(*) as titles
from {{ ref('streaming_titles') }}
group by platform, year(date_added)
