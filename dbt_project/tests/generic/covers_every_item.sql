{#- A neighbours table (item, rank, neighbour, score) holds exactly k neighbours for every item
    of `items` (k = the smaller of `k` and the number of other items): ranks 1..k without gaps,
    never the item itself, and ranks follow scores (a better rank never has a lower score).
    Applied to the item column of the neighbours table. -#}
{% test covers_every_item(model, column_name, neighbour_column, items, k) %}
with

items as (

    select {{ column_name }} as item from {{ items }}

),

expected as (

    select least({{ k }}, count(*) - 1) as neighbours from items

),

per_item as (

    select
        {{ column_name }} as item,
        count(*) as neighbours,
        min(rank) as first_rank,
        max(rank) as last_rank,
        count(*) filter (where {{ neighbour_column }} = {{ column_name }}) as self_pairs
    from {{ model }}
    group by {{ column_name }}

),

misordered as (

    select {{ column_name }} as item
    from {{ model }}
    qualify score > lag(score) over (partition by {{ column_name }} order by rank asc)

)

select items.item
from items
cross join expected
left join per_item on items.item = per_item.item
where
    per_item.item is null
    or per_item.neighbours <> expected.neighbours
    or per_item.first_rank <> 1
    or per_item.last_rank <> expected.neighbours
    or per_item.self_pairs > 0
union all
select item from misordered
{% endtest %}
