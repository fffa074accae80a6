-- Bridge title to country: the raw comma-separated list split, trimmed, lower-cased, empties
-- dropped; a name repeated within one title keeps its first position.
with

titles as (

    select
        title_id,
        countries
    from {{ ref('int_streaming_titles_validated') }}
    where rejection_reason is null

),

items as (

    select
        title_id,
        generate_subscripts(countries, 1) as list_position,
        unnest(countries) as country
    from titles

)

select
    title_id,
    country,
    min(list_position) as country_position
from items
group by title_id, country
