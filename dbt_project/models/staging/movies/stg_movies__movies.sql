-- One row per raw record of the movies file, in file order: typed, renamed, nested columns
-- parsed. Nothing is filtered here; int_movies_validated decides what is kept.
with

source as (

    select * from {{ ref('base_movies__movies') }}

),

jsonified as (

    select
        *,
        {{ python_repr_to_json('belongs_to_collection') }} as collection_json,
        {{ python_repr_to_json('genres') }} as genres_json,
        {{ python_repr_to_json('production_companies') }} as companies_json,
        {{ python_repr_to_json('production_countries') }} as countries_json,
        {{ python_repr_to_json('spoken_languages') }} as languages_json
    from source

),

renamed as (

    select
        record_number,
        {{ to_id('id') }} as movie_id,
        id as raw_id,
        title,
        original_title,
        original_language,
        overview,
        tagline,
        status,
        {{ to_iso_date('release_date') }} as release_date,
        release_date as raw_release_date,
        {{ to_whole_number('budget') }} as budget,
        {{ to_whole_number('revenue') }} as revenue,
        {{ to_whole_number('runtime') }} as runtime,
        try_cast(popularity as double) as popularity,
        try_cast(vote_average as double) as vote_average,
        {{ to_whole_number('vote_count') }} as vote_count,
        imdb_id,
        {{ from_repr_json('collection_json', nested_type('collection')) }} as collection,
        {{ from_repr_json('genres_json', nested_type('id_name_list')) }} as genres,
        {{ from_repr_json('companies_json', nested_type('id_name_list')) }} as production_companies,
        {{ from_repr_json('countries_json', nested_type('country_list')) }} as production_countries,
        {{ from_repr_json('languages_json', nested_type('language_list')) }} as spoken_languages,
        collection_json,
        genres_json,
        companies_json,
        countries_json,
        languages_json,
        (
            {{ is_unparseable('belongs_to_collection', 'collection_json') }}
            or {{ is_unparseable('genres', 'genres_json') }}
            or {{ is_unparseable('production_companies', 'companies_json') }}
            or {{ is_unparseable('production_countries', 'countries_json') }}
            or {{ is_unparseable('spoken_languages', 'languages_json') }}
        ) as has_unparseable_nested,
        to_json(struct_pack(
            adult, belongs_to_collection, budget, genres, homepage, id, imdb_id,
            original_language, original_title, overview, popularity, poster_path,
            production_companies, production_countries, release_date, revenue, runtime,
            spoken_languages, status, tagline, title, video, vote_average, vote_count
        )) as raw_record
    from jsonified

)

select * from renamed
