-- One row per film with everything the similar-movies model compares, as id lists (for the
-- model) and name lists (for the reasons shown with each suggestion).
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

film_genres as (

    select
        movie_genres.movie_id,
        list(movie_genres.genre_id order by movie_genres.genre_order) as genre_ids,
        list(genres.name order by movie_genres.genre_order) as genre_names
    from {{ ref('movie_genres') }} as movie_genres
    inner join {{ ref('genres') }} as genres on movie_genres.genre_id = genres.genre_id
    group by movie_genres.movie_id

),

film_keywords as (

    select
        movie_keywords.movie_id,
        list(movie_keywords.keyword_id order by movie_keywords.keyword_order) as keyword_ids,
        list(keywords.name order by movie_keywords.keyword_order) as keyword_names
    from {{ ref('movie_keywords') }} as movie_keywords
    inner join {{ ref('keywords') }} as keywords on movie_keywords.keyword_id = keywords.keyword_id
    group by movie_keywords.movie_id

),

film_directors as (

    select
        directors.movie_id,
        list(directors.person_id order by directors.crew_position) as director_ids,
        list(people.name order by directors.crew_position) as director_names
    from {{ ref('directors') }} as directors
    inner join {{ ref('people') }} as people on directors.person_id = people.person_id
    group by directors.movie_id

),

billed_cast as (

    select
        movie_id,
        person_id,
        cast_position
    from {{ ref('movie_cast') }}
    qualify
        row_number() over (
            partition by movie_id order by cast_order asc nulls last, cast_position asc
        ) <= {{ var('similar_top_cast', 5) }}

),

film_cast as (

    select
        billed_cast.movie_id,
        list(distinct billed_cast.person_id) as cast_ids,
        list(distinct people.name) as cast_names
    from billed_cast
    inner join {{ ref('people') }} as people on billed_cast.person_id = people.person_id
    group by billed_cast.movie_id

),

film_companies as (

    select
        movie_id,
        list(company_id order by company_order) as company_ids
    from {{ ref('movie_companies') }}
    group by movie_id

)

select
    movies.*,
    coalesce(film_genres.genre_ids, []) as genre_ids,
    coalesce(film_genres.genre_names, []) as genre_names,
    coalesce(film_keywords.keyword_ids, []) as keyword_ids,
    coalesce(film_keywords.keyword_names, []) as keyword_names,
    coalesce(film_directors.director_ids, []) as director_ids,
    coalesce(film_directors.director_names, []) as director_names,
    coalesce(film_cast.cast_ids, []) as cast_ids,
    coalesce(film_cast.cast_names, []) as cast_names,
    coalesce(film_companies.company_ids, []) as company_ids
from movies
left join film_genres on movies.movie_id = film_genres.movie_id
left join film_keywords on movies.movie_id = film_keywords.movie_id
left join film_directors on movies.movie_id = film_directors.movie_id
left join film_cast on movies.movie_id = film_cast.movie_id
left join film_companies on movies.movie_id = film_companies.movie_id
