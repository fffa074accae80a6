-- Every film has exactly 20 neighbours, ranked 1..20 without gaps, never itself, and ranks
-- follow scores (a better rank never has a lower score).
with

per_film as (

    select
        movie_id,
        count(*) as neighbours,
        min(rank) as first_rank,
        max(rank) as last_rank,
        count(*) filter (where similar_movie_id = movie_id) as self_pairs
    from {{ ref('similar_movies') }}
    group by movie_id

),

films as (

    select movie_id from {{ ref('movies') }}

),

misordered as (

    select movie_id
    from {{ ref('similar_movies') }}
    qualify score > lag(score) over (partition by movie_id order by rank asc)

)

select films.movie_id
from films
left join per_film on films.movie_id = per_film.movie_id
where
    per_film.movie_id is null
    or per_film.neighbours <> 20
    or per_film.first_rank <> 1
    or per_film.last_rank <> 20
    or per_film.self_pairs > 0
union all
select movie_id from misordered
