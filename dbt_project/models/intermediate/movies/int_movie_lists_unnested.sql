-- One row per entry of the four list columns of the kept movie records (genres, production
-- companies, production countries, spoken languages), unnested once here for every mart that
-- reads them. `list_position` is the 1-based place in the film's list and `record_number` the
-- record's place in the raw file (for "first seen" names). Entries are kept verbatim: bridges
-- drop repeats, dimensions pick names. Genres and companies have an integer id, countries and
-- languages an ISO code; each list is first brought to that one shape.
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

lists as (

    select
        movie_id,
        record_number,
        unnest([
            {
                'list_name': 'genres',
                'entries': list_transform(
                    genres, lambda e: { 'id': e.id, 'code': null::varchar, 'name': e.name }
                )
            },
            {
                'list_name': 'production_companies',
                'entries': list_transform(
                    production_companies,
                    lambda e: { 'id': e.id, 'code': null::varchar, 'name': e.name }
                )
            },
            {
                'list_name': 'production_countries',
                'entries': list_transform(
                    production_countries,
                    lambda e: { 'id': null::integer, 'code': e.iso_3166_1, 'name': e.name }
                )
            },
            {
                'list_name': 'spoken_languages',
                'entries': list_transform(
                    spoken_languages,
                    lambda e: { 'id': null::integer, 'code': e.iso_639_1, 'name': e.name }
                )
            }
        ]) as list
    from kept

),

entries as (

    select
        movie_id,
        record_number,
        list.list_name,
        generate_subscripts(list.entries, 1) as list_position,
        unnest(list.entries) as entry
    from lists

)

select
    movie_id,
    record_number,
    list_name,
    list_position,
    entry.id as entry_id,
    entry.code as entry_code,
    entry.name as entry_name
from entries
