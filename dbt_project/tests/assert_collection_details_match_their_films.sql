-- api.collection_details: a collection's film count and total revenue (franchise_success's
-- figures) are those of the films it lists, and it lists each of its films once.
with

listed as (

    select
        collection_id,
        unnest(movies) as film
    from {{ ref('collection_details') }}

),

per_collection as (

    select
        collection_id,
        count(*) as listed_films,
        count(distinct film.movie_id) as distinct_films,
        sum(film.revenue) as listed_revenue
    from listed
    group by collection_id

)

select
    details.collection_id,
    details.films,
    details.total_revenue,
    per_collection.listed_films,
    per_collection.distinct_films,
    per_collection.listed_revenue
from {{ ref('collection_details') }} as details
left join per_collection on details.collection_id = per_collection.collection_id
where
    details.films <> coalesce(per_collection.listed_films, 0)
    or details.films <> coalesce(per_collection.distinct_films, 0)
    or details.total_revenue <> coalesce(per_collection.listed_revenue, 0)
