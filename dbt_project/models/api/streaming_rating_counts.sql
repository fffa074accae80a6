-- The statement's get_contents: titles per maturity rating (all platforms, all types).
-- Example: select titles from api.streaming_rating_counts where rating = '13+';
select
    rating,
    count(*) as titles
from {{ ref('streaming_titles') }}
group by rating
