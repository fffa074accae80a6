-- Every raw links record, rejected only when its MovieLens id is not an integer or repeats;
-- a link to a TMDB id that is not a film is kept (its movie_id is NULL in the mart).
with

links as (

    select * from {{ ref('stg_movies__links') }}

),

ranked as (

    select
        *,
        row_number() over (partition by movielens_id order by record_number) as occurrence
    from links

)

select
    * exclude (occurrence),
    case
        when strlen(raw_record::varchar) > {{ var('max_record_bytes') }} then 'oversized_record'
        when movielens_id is null then 'non_numeric_id'
        when occurrence > 1 then 'duplicate_id'
    end as rejection_reason
from ranked
