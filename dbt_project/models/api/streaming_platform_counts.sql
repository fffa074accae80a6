-- The statement's get_count_platform: movies and TV shows per platform.
-- Example: select * from api.streaming_platform_counts where platform = 'amazon';
select
    platform,
    count(*) filter (where type = 'movie') as movies,
    count(*) filter (where type = 'tv show') as tv_shows,
    count(*) as titles
from {{ ref('streaming_titles') }}
group by platform
