-- Every raw movie record with the reason it is rejected (NULL when it becomes a film).
-- The first matching reason wins; of several valid records with one id, the first in file
-- order is kept (the statement's "keep the first occurrence").
with

movies as (

    select * from {{ ref('stg_movies__movies') }}

),

checked as (

    select
        *,
        case
            when strlen(raw_record::varchar) > {{ var('max_record_bytes') }} then 'oversized_record'
            when movie_id is null then 'non_numeric_id'
            when has_unparseable_nested then 'unparseable_nested'
            when release_date is null then 'invalid_release_date'
        end as check_failure
    from movies

),

{{ keep_first_valid('checked', 'movie_id') }}
