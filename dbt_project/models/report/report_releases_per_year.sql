-- Films released per calendar year, every year from the first to the last release listed
-- (0 when no film), so a plot of it has no silent gaps.
with

releases as (

    select
        release_year,
        count(*) as films
    from {{ ref('movies') }}
    where release_year is not null
    group by release_year

),

years as (

    select unnest(range(min(release_year), max(release_year) + 1)) as release_year
    from releases

)

select
    years.release_year,
    coalesce(releases.films, 0) as films
from years
left join releases on years.release_year = releases.release_year
