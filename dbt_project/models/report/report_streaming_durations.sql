-- Titles per platform, duration unit and duration bin: movies in 10-minute bins (200 minutes
-- or more share the last bin), TV shows by seasons (10 or more share the last bin). Titles
-- without a duration are counted in report_streaming_duration_summary.
with

binned as (

    select
        platform,
        duration_type,
        case
            when duration_type = 'min' then least(duration_int // 10 * 10, 200)
            else least(duration_int, 10)
        end as bin_low
    from {{ ref('streaming_titles') }}
    where duration_type is not null and duration_int is not null

)

select
    platform,
    duration_type,
    bin_low,
    bin_low = case when duration_type = 'min' then 200 else 10 end as open_ended,
    count(*) as titles
from binned
group by platform, duration_type, bin_low
