-- One row per TMDB collection (franchise) a film belongs to; names as first seen in file order.
with

validated as (

    select
        record_number,
        collection
    from {{ ref('int_movies_validated') }}
    where rejection_reason is null and collection.id is not null

)

select
    collection.id as collection_id,
    first(collection.name order by record_number) as name,
    first(collection.poster_path order by record_number) as poster_path,
    first(collection.backdrop_path order by record_number) as backdrop_path
from validated
group by collection.id
