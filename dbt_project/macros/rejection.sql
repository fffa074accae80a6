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
            when records.movie_id is null then 'non_numeric_id'
            when records.has_unparseable_nested then 'unparseable_nested'
        end as check_failure,
        films.movie_id is not null as is_known_film
    from records
    left join films on records.movie_id = films.movie_id

),

ranked as (

    select
        *,
        row_number() over (
            partition by movie_id, check_failure is null order by record_number
        ) as occurrence
    from checked

)

select
    * exclude (check_failure, occurrence, is_known_film),
    case
        when check_failure is not null then check_failure
        when occurrence > 1 then 'duplicate_id'
        when not is_known_film then '{{ orphan_reason }}'
    end as rejection_reason
from ranked
{%- endmacro %}
