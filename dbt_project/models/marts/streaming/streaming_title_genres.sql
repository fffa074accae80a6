-- Bridge title to genre: the raw comma-separated list split, trimmed, lower-cased, empties
-- dropped; a name repeated within one title keeps its first position.
with

titles as (

    select
        title_id,
        genres
    from {{ ref('int_streaming_titles_validated') }}
    where rejection_reason is null

),

items as (

    select
        title_id,
        generate_subscripts(genres, 1) as list_position,
        unnest(genres) as genre
    from titles

)

select
    title_id,
    genre,
    min(list_position) as genre_position
from items
group by title_id, genre
