-- One row per production company as search shows it: its name, its films, and how known it
-- is (`fame`: ln(1 + the votes of their films) over the largest).
with

films as (

    select
        movie_companies.company_id,
        count(distinct movie_companies.movie_id) as films,
        sum(coalesce(movies.vote_count, 0)) as votes
    from {{ ref('movie_companies') }} as movie_companies
    inner join {{ ref('movies') }} as movies on movie_companies.movie_id = movies.movie_id
    group by movie_companies.company_id

)

select
    companies.company_id,
    companies.name,
    coalesce(films.films, 0) as films,
    {{ fame('films.votes') }} as fame
from {{ ref('companies') }} as companies
left join films on companies.company_id = films.company_id
order by companies.company_id
