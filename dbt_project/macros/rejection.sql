{#- The quarantine rule for files keyed by TMDB movie id (credits, keywords): the first
    matching reason wins, and the first valid record of an id, in file order, is kept. -#}
{% macro reject_by_movie_id(staging_model, orphan_reason) -%}
with

records as (

    select * from {{ ref(staging_model) }}

),

films as (

    select movie_id from {{ ref('int_movies_validated') }}
    where rejection_reason is null

),

checked as (

    select
        records.*,
        case
            when strlen(records.raw_record::varchar) > {{ var('max_record_bytes') }}
                then 'oversized_record'
            when records.movie_id is null then 'non_numeric_id'
            when records.has_unparseable_nested then 'unparseable_nested'
        end as check_failure,
        films.movie_id is not null as is_known_film
    from records
    left join films on records.movie_id = films.movie_id

),

{{ keep_first_valid('checked', 'movie_id', 'is_known_film', orphan_reason) }}
{%- endmacro %}
