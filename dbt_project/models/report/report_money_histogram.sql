-- Known budgets, revenues and returns counted in quarter-decade bins of a log10 scale
-- (bin k holds values in [10^(k/4), 10^((k+1)/4))): the scale on which money spreads evenly,
-- so budgets of $1 and returns of a million times show as separate humps.
with

binned as (

    select
        measure,
        floor(log10(value) * 4)::integer as bin_index
    from {{ ref('report_money_values') }}

)

select
    measure,
    bin_index,
    pow(10, bin_index / 4.0) as bin_low,
    pow(10, (bin_index + 1) / 4.0) as bin_high,
    count(*) as films
from binned
group by measure, bin_index
