{#- The CTEs after a `credits` CTE of distinct (person_id, movie_id): per person the films,
    their summed and mean return, the name key, and the rank among people sharing the key
    (1 = most films, then the lower person_id). Shared by actor_returns and director_returns,
    which differ only in which credits count. -#}
{% macro person_returns(credits) -%}
totals as (

    select
        {{ credits }}.person_id,
        count(*) as films,
        sum(movies."return") as total_return
    from {{ credits }}
    inner join {{ ref('movies') }} as movies on {{ credits }}.movie_id = movies.movie_id
    group by {{ credits }}.person_id

),

named as (

    select
        totals.person_id,
        people.name,
        {{ name_key('people.name') }} as name_key,
        totals.films,
        totals.total_return,
        totals.total_return / totals.films as average_return
    from totals
    inner join {{ ref('people') }} as people on totals.person_id = people.person_id

)

select
    person_id,
    name,
    name_key,
    films,
    total_return,
    average_return,
    row_number() over (
        partition by name_key order by films desc, person_id asc
    ) as name_rank
from named
order by name_key, name_rank
{%- endmacro %}
