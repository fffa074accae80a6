{{ config(materialized='view', schema='api') }}

-- One row per film with its genres, collection, companies, countries, spoken languages,
-- directors and top ten billed cast, nested in TMDB's order, and the streaming titles it is.
with

source as (

    select
        movie_id,
        title,
        original_language,
        overview,
        tagline,
        status,
        release_date,
        release_year,
        budget,
        revenue,
        "return",
        runtime,
        popularity,
        vote_average,
        vote_count,
        collection_id,
        collection_name,
        genres,
        companies,
        countries,
        spoken_languages,
        directors,
        top_cast,
        available_on
    from {{ ref('movie_profiles') }}

)

select
    movie_id,
    title,
    original_language,
    overview,
    tagline,
    status,
    release_date,
    release_year,
    budget,
    revenue,
    "return",
    runtime,
    popularity,
    vote_average,
    vote_count,
    collection_id,
    collection_name,
    genres,
    companies,
    countries,
    spoken_languages,
    directors,
    top_cast,
    available_on
from source
