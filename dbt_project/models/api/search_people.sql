-- One row per person as search shows them: the name the index matches, the films they are
-- credited on (cast or crew, each film once), the three most-voted of them (`known_for`) and
-- how known they are (`fame`: ln(1 + the votes of all their films) over the largest), so
-- `nolan` finds Christopher Nolan before Nolan North.
with

credits as (

    select
        person_id,
        movie_id
    from {{ ref('movie_cast') }}
    union
    select
        person_id,
        movie_id
    from {{ ref('movie_crew') }}

),

films as (

    select
        credits.person_id,
        count(*) as films,
        sum(coalesce(movies.vote_count, 0)) as votes,
        list(movies.title order by movies.vote_count desc nulls last, movies.movie_id asc)[1:3]
            as known_for
    from credits
    inner join {{ ref('movies') }} as movies on credits.movie_id = movies.movie_id
    group by credits.person_id

)

select
    people.person_id,
    people.name,
    coalesce(films.known_for, []::varchar[]) as known_for,
    coalesce(films.films, 0) as films,
    {{ fame('films.votes') }} as fame
from {{ ref('people') }} as people
left join films on people.person_id = films.person_id
order by people.person_id
