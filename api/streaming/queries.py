"""The statements behind `/streaming`."""

from __future__ import annotations

LONGEST_MOVIE = """
select title_id, title, platform, release_year, duration_int, duration_type
from {db}.api.streaming_longest_movie
where
    duration_type = $duration_type
    and ($platform is null or platform = $platform)
    and ($year is null or release_year = $year)
order by duration_int desc, title asc, title_id asc
limit 1
"""

SCORE_COUNT = """
select count(*) as movies
from {db}.api.streaming_score_counts
where platform = $platform and release_year = $year and score > $scored
"""

PLATFORM_COUNTS = """
select platform, movies, tv_shows
from {db}.api.streaming_platform_counts
where platform = $platform
"""

# The row of all years has release_year null, like the request without a year.
TOP_ACTOR = """
select platform, release_year as year, actor, appearances
from {db}.api.streaming_top_actors
where platform = $platform and release_year is not distinct from $year and actor_rank = 1
"""

# The country's rows (one per type x year, with the all-types and all-years totals): none
# means an unknown country; the filtered row's count, else 0, is the answer.
COUNTRY_TITLES = """
select
    max(titles) filter (
        where type is not distinct from $type and release_year is not distinct from $year
    ) as titles,
    count(*) as country_rows
from {db}.api.streaming_country_counts
where country = $country
"""

RATING_TITLES = """
select rating, titles
from {db}.api.streaming_rating_counts
where rating = $rating
"""

TITLE_DETAILS = """
select
    title_id, platform, show_id, type, title, director, "cast", country, date_added,
    release_year, rating, duration_int, duration_type, listed_in, description, score,
    movie_id, movie_title, movie_release_year, match_quality
from {db}.api.streaming_title_details
where title_id = $title_id
"""

# The few rows of a key are put in title_rank order in Python (Warehouse.fetch_structs).
TITLES_BY_TITLE = """
select title_rank, title_id, title, platform, type, release_year, score
from {db}.api.streaming_title_by_title
where title_key = $key
"""
