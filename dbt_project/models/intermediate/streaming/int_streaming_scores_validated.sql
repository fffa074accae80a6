-- Every raw score with the reason it is rejected: `invalid_score` (not a number in [0.5, 5]),
-- `duplicate_id`, `orphan_score` (no such title in the catalogues).
with

scores as (

    select * from {{ ref('stg_streaming__title_scores') }}

),

titles as (

    select title_id from {{ ref('int_streaming_titles_validated') }}
    where rejection_reason is null

),

checked as (

    select
        scores.*,
        case
            when strlen(scores.raw_record::varchar) > {{ var('max_record_bytes') }}
                then 'oversized_record'
            when scores.score is null or scores.score not between 0.5 and 5 then 'invalid_score'
        end as check_failure,
        titles.title_id is not null as is_known_title
    from scores
    left join titles on scores.title_id = titles.title_id

),

{{ keep_first_valid('checked', 'title_id', 'is_known_title', 'orphan_score') }}
