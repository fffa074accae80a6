-- Films per 10-minute runtime bin, for films with a runtime above 0 (TMDB writes an unknown
-- runtime as 0 or leaves it empty); runtimes of 300 minutes or more share the last bin.
with

binned as (

    select least(floor(runtime / 10) * 10, 300)::integer as bin_low
    from {{ ref('movies') }}
    where runtime > 0

)

select
    bin_low,
    bin_low = 300 as open_ended,
    count(*) as films
from binned
group by bin_low
