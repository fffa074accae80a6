-- Duplicates, found and handled: ids repeated in a raw file (the first valid record kept, the
-- others in audit.rejected_rows), and rows of the marts that look like the same thing twice
-- under different keys (kept: they are different records of the source).
with

duplicate_ids as (

    select
        'duplicate id in the raw file' as duplicate_check,
        source,
        count(*) as duplicate_rows,
        count(distinct raw_record ->> 'id') as duplicate_keys,
        'first valid record kept, the others rejected' as handling
    from {{ ref('rejected_rows') }}
    where reason = 'duplicate_id'
    group by source

),

same_film as (

    select
        lower(title) as title,
        release_year,
        count(*) as films
    from {{ ref('movies') }}
    group by lower(title), release_year
    having count(*) > 1

),

same_title as (

    select
        platform,
        lower(title) as title,
        type,
        release_year,
        count(*) as titles
    from {{ ref('streaming_titles') }}
    group by platform, lower(title), type, release_year
    having count(*) > 1

),

marts as (

    select
        'same title and release year, different movie_id' as duplicate_check,
        'movies' as source,
        coalesce(sum(films), 0)::bigint as duplicate_rows,
        count(*) as duplicate_keys,
        'kept: different movie_id' as handling
    from same_film
    union all
    select
        'same title, type and release year on one platform' as duplicate_check,
        'streaming_titles' as source,
        coalesce(sum(titles), 0)::bigint as duplicate_rows,
        count(*) as duplicate_keys,
        'kept: different show_id' as handling
    from same_title

)

select * from duplicate_ids
union all
select * from marts
