-- One row per raw record of links.csv: MovieLens id to IMDb and TMDB ids.
with

source as (

    select * from {{ ref('base_movies__links') }}

),

renamed as (

    select
        record_number,
        {{ to_id('"movieId"') }} as movielens_id,
        {{ to_id('"imdbId"') }} as imdb_id,
        {{ to_id('"tmdbId"') }} as tmdb_id,
        to_json(struct_pack("movieId", "imdbId", "tmdbId")) as raw_record
    from source

)

select * from renamed
