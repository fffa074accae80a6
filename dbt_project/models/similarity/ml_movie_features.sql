-- One row per film with everything the similar-movies model compares, as id lists (for the
-- model) and name lists (for the reasons shown with each suggestion), from movie_lists.
with

movies as (

    select
        movie_id,
        title,
        original_language,
        release_year,
        popularity,
        vote_count,
        vote_average,
        collection_id,
        trim(concat_ws(' ', overview, tagline)) as overview_text
    from {{ ref('movies') }}

),

lists as (

    select
        movie_id,
        list_transform(genres, lambda g: g['genre_id']) as genre_ids,
        list_transform(genres, lambda g: g['name']) as genre_names,
        list_transform(keywords, lambda k: k['keyword_id']) as keyword_ids,
        list_transform(keywords, lambda k: k['name']) as keyword_names,
        list_transform(directors, lambda d: d['person_id']) as director_ids,
        list_transform(directors, lambda d: d['name']) as director_names,
        -- the top billed, each person once
        list_distinct(
            list_transform(billed_cast[1:{{ var('similar_top_cast', 5) }}], lambda c: c['person_id'])
        ) as cast_ids,
        list_distinct(
            list_transform(billed_cast[1:{{ var('similar_top_cast', 5) }}], lambda c: c['name'])
        ) as cast_names,
        list_transform(companies, lambda c: c['company_id']) as company_ids
    from {{ ref('movie_lists') }}

)

select
    movies.*,
    lists.genre_ids,
    lists.genre_names,
    lists.keyword_ids,
    lists.keyword_names,
    lists.director_ids,
    lists.director_names,
    lists.cast_ids,
    lists.cast_names,
    lists.company_ids
from movies
inner join lists on movies.movie_id = lists.movie_id
