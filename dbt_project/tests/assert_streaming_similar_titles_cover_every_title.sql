-- Every streaming title has exactly 20 neighbours, ranked 1..20, never itself, ranks
-- following scores.
with

per_title as (

    select
        title_id,
        count(*) as neighbours,
        min(rank) as first_rank,
        max(rank) as last_rank,
        count(*) filter (where similar_title_id = title_id) as self_pairs
    from {{ ref('streaming_similar_titles') }}
    group by title_id

),

titles as (

    select title_id from {{ ref('streaming_titles') }}

),

misordered as (

    select title_id
    from {{ ref('streaming_similar_titles') }}
    qualify score > lag(score) over (partition by title_id order by rank asc)

)

select titles.title_id
from titles
left join per_title on titles.title_id = per_title.title_id
where
    per_title.title_id is null
    or per_title.neighbours <> 20
    or per_title.first_rank <> 1
    or per_title.last_rank <> 20
    or per_title.self_pairs > 0
union all
select title_id from misordered
