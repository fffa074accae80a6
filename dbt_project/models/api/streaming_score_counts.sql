-- The statement's get_score_count: streaming movies with their mean user score, by platform
-- and release year; a route counts those with a score strictly greater than its threshold.
-- Example: select count(*) from api.streaming_score_counts
--          where platform = 'netflix' and release_year = 2020 and score > 3.5;
select
    platform,
    release_year,
    title_id,
    score
from {{ ref('streaming_titles') }}
where type = 'movie' and score is not null
