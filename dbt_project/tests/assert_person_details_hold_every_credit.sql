-- api.person_details: every person is listed, and each holds exactly their cast and crew
-- credits in films of the catalogue (as many as the marts have).
with

listed as (

    select
        person_id,
        len(cast_credits) as cast_listed,
        len(crew_credits) as crew_listed
    from {{ ref('person_details') }}

),

cast_credits as (

    select
        movie_cast.person_id,
        count(*) as credits
    from {{ ref('movie_cast') }} as movie_cast
    inner join {{ ref('movies') }} as movies on movie_cast.movie_id = movies.movie_id
    group by movie_cast.person_id

),

crew_credits as (

    select
        movie_crew.person_id,
        count(*) as credits
    from {{ ref('movie_crew') }} as movie_crew
    inner join {{ ref('movies') }} as movies on movie_crew.movie_id = movies.movie_id
    group by movie_crew.person_id

)

select
    people.person_id,
    listed.cast_listed,
    coalesce(cast_credits.credits, 0) as cast_expected,
    listed.crew_listed,
    coalesce(crew_credits.credits, 0) as crew_expected
from {{ ref('people') }} as people
left join listed on people.person_id = listed.person_id
left join cast_credits on people.person_id = cast_credits.person_id
left join crew_credits on people.person_id = crew_credits.person_id
where
    listed.person_id is null
    or listed.cast_listed <> coalesce(cast_credits.credits, 0)
    or listed.crew_listed <> coalesce(crew_credits.credits, 0)
