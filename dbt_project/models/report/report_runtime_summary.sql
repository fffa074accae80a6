-- Runtime in one row: how many films have one, how many are 0 (unknown) or empty, the
-- quartiles of the known ones and how many run 300 minutes or more (series and marathons).
select
    count(*) as films,
    count(*) filter (where runtime > 0) as known_films,
    count(*) filter (where runtime = 0) as zero_films,
    count(*) filter (where runtime is null) as missing_films,
    quantile_cont(runtime, 0.25) filter (where runtime > 0) as p25,
    quantile_cont(runtime, 0.5) filter (where runtime > 0) as median,
    quantile_cont(runtime, 0.75) filter (where runtime > 0) as p75,
    count(*) filter (where runtime >= 300) as over_300_films,
    max(runtime) as max_runtime
from {{ ref('movies') }}
