-- One row per film: the bootcamp statement's cleaning rules, and only those.
with

validated as (

    select * from {{ ref('int_movies_validated') }}
    where rejection_reason is null

),

cleaned as (

    select
        movie_id,
        title,
        original_language,
        overview,
        tagline,
        status,
        release_date,
        year(release_date) as release_year,
        coalesce(budget, 0) as budget,
        coalesce(revenue, 0) as revenue,
        runtime,
        popularity,
        vote_average,
        vote_count,
        collection.id as collection_id
    from validated

)

select
    * exclude (collection_id),
    case when budget > 0 then revenue / budget else 0 end as "return",
    collection_id
from cleaned
