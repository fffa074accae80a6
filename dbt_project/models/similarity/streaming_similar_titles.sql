-- The most similar streaming titles of every title (var similar_depth of them, all
-- platforms), best first, with the genres, people (cast and directors) and countries both
-- share and whether the director is the same.
with

scores as (

    select * from {{ ref('streaming_similar_title_scores') }}

),

features as (

    select
        title_id,
        genres,
        countries,
        directors,
        list_distinct(list_concat(directors, actors)) as people
    from {{ ref('ml_streaming_title_features') }}

)

select
    scores.title_id,
    scores.rank::integer as rank,
    scores.similar_title_id,
    scores.score,
    list_sort(list_intersect(title.genres, other.genres)) as shared_genres,
    list_sort(list_intersect(title.people, other.people)) as shared_people,
    list_sort(list_intersect(title.countries, other.countries)) as shared_countries,
    len(list_intersect(title.directors, other.directors)) > 0 as same_director
from scores
inner join features as title on scores.title_id = title.title_id
inner join features as other on scores.similar_title_id = other.title_id
