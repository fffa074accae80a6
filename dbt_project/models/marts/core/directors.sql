-- One row per (film, director): crew entries whose job is exactly 'Director'.
select
    movie_id,
    person_id,
    min(crew_position) as crew_position
from {{ ref('movie_crew') }}
where job = 'Director'
group by movie_id, person_id
