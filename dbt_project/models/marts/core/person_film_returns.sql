-- One row per person and role (`actor`: a cast credit in a film they did not direct, the
-- statement's "no considerar directores"; `director`: crew job Director): distinct films,
-- their summed and mean return, the name key, and the person's rank among the people of that
-- role sharing the key (1 = most films, then the lower person_id). api.actor_success and
-- api.director_success are its two roles.
with

directed as (

    select distinct
        person_id,
        movie_id
    from {{ ref('directors') }}
    where person_id is not null

),

cast_films as (

    select distinct
        person_id,
        movie_id
    from {{ ref('movie_cast') }}
    where person_id is not null

),

credits as (

    select
        'actor' as role,
        cast_films.person_id,
        cast_films.movie_id
    from cast_films
    left join directed
        on
            cast_films.movie_id = directed.movie_id
            and cast_films.person_id = directed.person_id
    where directed.movie_id is null

    union all

    select
        'director' as role,
        person_id,
        movie_id
    from directed

),

totals as (

    select
        credits.role,
        credits.person_id,
        count(*) as films,
        sum(movies."return") as total_return
    from credits
    inner join {{ ref('movies') }} as movies on credits.movie_id = movies.movie_id
    group by credits.role, credits.person_id

),

named as (

    select
        totals.role,
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
    role,
    person_id,
    name,
    name_key,
    films,
    total_return,
    average_return,
    row_number() over (
        partition by role, name_key order by films desc, person_id asc
    ) as name_rank
from named
