-- Which TMDB film a streaming movie is: same title key (lower-cased, accents stripped,
-- whitespace collapsed) and release year within 1. Several candidates: the closest year wins,
-- then the more popular film. Titles with no candidate are left out.
with

titles as (

    select
        title_id,
        {{ name_key('title') }} as title_key,
        release_year
    from {{ ref('streaming_titles') }}
    where type = 'movie'

),

films as (

    select
        movie_id,
        {{ name_key('title') }} as title_key,
        release_year,
        popularity
    from {{ ref('movies') }}

),

candidates as (

    select
        titles.title_id,
        films.movie_id,
        abs(films.release_year - titles.release_year) as year_gap,
        films.popularity
    from titles
    inner join films
        on
            titles.title_key = films.title_key
            and abs(films.release_year - titles.release_year) <= 1

),

ranked as (

    select
        *,
        count(*) over (partition by title_id) as candidate_count,
        row_number() over (
            partition by title_id order by year_gap asc, popularity desc, movie_id asc
        ) as candidate_rank
    from candidates

)

select
    title_id,
    movie_id,
    year_gap,
    candidate_count,
    case
        when candidate_count > 1 then 'ambiguous_resolved'
        when year_gap = 0 then 'title_and_year'
        else 'title_and_year_within_1'
    end as match_quality
from ranked
where candidate_rank = 1
