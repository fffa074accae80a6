-- Titles per platform and maturity rating, ranked within the platform by titles (ties:
-- rating), with the share of the platform's titles. An empty rating became `g` in the mart.
with

counts as (

    select
        platform,
        rating,
        count(*) as titles
    from {{ ref('streaming_titles') }}
    group by platform, rating

)

select
    platform,
    rating,
    titles,
    titles / sum(titles) over (partition by platform) as share,
    row_number() over (partition by platform order by titles desc, rating asc) as rating_rank
from counts
