-- One row per genre of the streaming catalogues (listed_in, lower-case): its titles on every
-- platform. The genres `GET /streaming/titles/{title_id}/similar?genre=` may name.
-- Example: select genre, titles from api.streaming_genre_counts order by titles desc limit 5;
select
    genre,
    count(*) as titles
from {{ ref('streaming_title_genres') }}
group by genre
