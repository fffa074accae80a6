-- One row per streaming title with what the similar-titles model compares: genres
-- (listed_in), cast, directors, countries, type, release year, description and title.
with

titles as (

    select
        title_id,
        platform,
        type,
        title,
        release_year,
        score,
        description,
        {{ split_list('director') }} as directors
    from {{ ref('streaming_titles') }}

),

title_genres as (

    select
        title_id,
        list(genre order by genre_position) as genres
    from {{ ref('streaming_title_genres') }}
    group by title_id

),

title_cast as (

    select
        title_id,
        list(actor order by cast_position) as actors
    from {{ ref('streaming_title_cast') }}
    group by title_id

),

title_countries as (

    select
        title_id,
        list(country order by country_position) as countries
    from {{ ref('streaming_title_countries') }}
    group by title_id

)

select
    titles.title_id,
    titles.platform,
    titles.type,
    titles.title,
    titles.release_year,
    titles.score,
    titles.description,
    coalesce(titles.directors, []) as directors,
    coalesce(title_genres.genres, []) as genres,
    coalesce(title_cast.actors, []) as actors,
    coalesce(title_countries.countries, []) as countries
from titles
left join title_genres on titles.title_id = title_genres.title_id
left join title_cast on titles.title_id = title_cast.title_id
left join title_countries on titles.title_id = title_countries.title_id
