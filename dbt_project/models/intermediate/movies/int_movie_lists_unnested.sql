-- One row per entry of the four list columns of the kept movie records (genres, production
-- companies, production countries, spoken languages), unnested once here for every mart that
-- reads them. `list_position` is the 1-based place in the film's list and `record_number` the
-- record's place in the raw file (for "first seen" names). Entries are kept verbatim: bridges
-- drop repeats, dimensions pick names.
with

kept as (

    select
        movie_id,
        record_number,
        genres,
        production_companies,
        production_countries,
        spoken_languages
    from {{ ref('int_movies_validated') }}
    where rejection_reason is null

),

genres as (

    select
        movie_id,
        record_number,
        'genres' as list_name,
        generate_subscripts(genres, 1) as list_position,
        unnest(genres) as entry
    from kept

),

companies as (

    select
        movie_id,
        record_number,
        'production_companies' as list_name,
        generate_subscripts(production_companies, 1) as list_position,
        unnest(production_companies) as entry
    from kept

),

countries as (

    select
        movie_id,
        record_number,
        'production_countries' as list_name,
        generate_subscripts(production_countries, 1) as list_position,
        unnest(production_countries) as entry
    from kept

),

languages as (

    select
        movie_id,
        record_number,
        'spoken_languages' as list_name,
        generate_subscripts(spoken_languages, 1) as list_position,
        unnest(spoken_languages) as entry
    from kept

)

select
    movie_id,
    record_number,
    list_name,
    list_position,
    entry.id as entry_id,
    null::varchar as entry_code,
    entry.name as entry_name
from genres
union all
select
    movie_id,
    record_number,
    list_name,
    list_position,
    entry.id as entry_id,
    null::varchar as entry_code,
    entry.name as entry_name
from companies
union all
select
    movie_id,
    record_number,
    list_name,
    list_position,
    null::integer as entry_id,
    entry.iso_3166_1 as entry_code,
    entry.name as entry_name
from countries
union all
select
    movie_id,
    record_number,
    list_name,
    list_position,
    null::integer as entry_id,
    entry.iso_639_1 as entry_code,
    entry.name as entry_name
from languages
