-- Every catalogue record with the reason it is rejected (NULL when it becomes a title):
-- `missing_title`, `invalid_type` (not movie / tv show), `invalid_release_year`, then
-- `duplicate_id` (an earlier valid record of the same platform has the show_id).
with

titles as (

    select * from {{ ref('stg_streaming__titles') }}

),

checked as (

    select
        *,
        case
            when strlen(raw_record::varchar) > {{ var('max_record_bytes') }} then 'oversized_record'
            when title is null then 'missing_title'
            when type is null or type not in ('movie', 'tv show') then 'invalid_type'
            when release_year is null then 'invalid_release_year'
        end as check_failure
    from titles

),

{{ keep_first_valid('checked', 'title_id') }}
