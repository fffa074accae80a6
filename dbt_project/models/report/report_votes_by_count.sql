-- Vote average by order of magnitude of the vote count (0 votes, 1-9, 10-99, 100-999,
-- 1,000+): few votes give extreme averages, many votes pull them towards the middle.
with

bucketed as (

    select
        vote_average,
        case
            when vote_count = 0 then 0
            else least(floor(log10(vote_count)), 3)::integer + 1
        end as bucket
    from {{ ref('movies') }}
    where vote_count is not null and vote_average is not null

)

select
    bucket,
    case bucket
        when 0 then '0'
        when 1 then '1-9'
        when 2 then '10-99'
        when 3 then '100-999'
        else '1,000+'
    end as vote_count_range,
    count(*) as films,
    avg(vote_average) as mean_vote_average,
    quantile_cont(vote_average, 0.1) as p10_vote_average,
    quantile_cont(vote_average, 0.5) as median_vote_average,
    quantile_cont(vote_average, 0.9) as p90_vote_average,
    count(*) filter (where vote_average in (0, 10)) as extreme_films
from bucketed
group by bucket
