-- Durations per platform in one row: median and 90th percentile of movie minutes, the share
-- of TV shows with a single season, and titles with no duration at all.
select
    platform,
    count(*) as titles,
    count(*) filter (where duration_type = 'min') as titles_in_minutes,
    quantile_cont(duration_int, 0.5) filter (where duration_type = 'min') as median_minutes,
    quantile_cont(duration_int, 0.9) filter (where duration_type = 'min') as p90_minutes,
    count(*) filter (where duration_type = 'season') as titles_in_seasons,
    count(*) filter (where duration_type = 'season' and duration_int = 1) as one_season_titles,
    count(*) filter (where duration_type is null or duration_int is null) as missing_duration
from {{ ref('streaming_titles') }}
group by platform
