-- Films per cell of (vote count, vote average), for films with at least one vote: vote
-- count in quarter-decade bins of a log10 scale (bin k = [10^(k/4), 10^((k+1)/4))), vote
-- average in half-point bins (bin 7.5 = [7.5, 8); a perfect 10 joins the 9.5 bin).
with

binned as (

    select
        floor(log10(vote_count) * 4)::integer as vote_count_bin,
        least(floor(vote_average * 2) / 2, 9.5) as vote_average_bin
    from {{ ref('movies') }}
    where vote_count > 0 and vote_average is not null

)

select
    vote_count_bin,
    pow(10, vote_count_bin / 4.0) as vote_count_low,
    pow(10, (vote_count_bin + 1) / 4.0) as vote_count_high,
    vote_average_bin,
    count(*) as films
from binned
group by vote_count_bin, vote_average_bin
