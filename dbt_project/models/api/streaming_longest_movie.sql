-- The statement's get_max_duration: every streaming movie with a known duration, longest
-- first (ties by title). A route filters year / platform / duration type and takes row 1.
-- Example: select * from api.streaming_longest_movie
--          where platform = 'netflix' and release_year = 2016 and duration_type = 'min'
--          order by duration_int desc, title limit 1;
with

movies as (

    select
        title_id,
        title,
        platform,
        release_year,
        duration_int,
        duration_type
    from {{ ref('streaming_titles') }}
    where type = 'movie' and duration_int is not null

)

select * from movies
order by duration_int desc, title asc, title_id asc
