-- Bridge title to actor: the raw comma-separated list split, trimmed, lower-cased, empties
-- dropped; a name repeated within one title keeps its first position.
with

titles as (

    select
        title_id,
        cast_members
    from {{ ref('int_streaming_titles_validated') }}
    where rejection_reason is null

),

items as (

    select
        title_id,
        generate_subscripts(cast_members, 1) as list_position,
        unnest(cast_members) as actor
    from titles

)

select
    title_id,
    actor,
    min(list_position) as cast_position
from items
group by title_id, actor
