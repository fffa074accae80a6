-- Films whose money figures cannot be right as written, one row per (film, anomaly):
--   budget_under_100   a budget of $1-$100: written in millions (`1` for $1M) or a typo;
--   revenue_under_100  a revenue of $1-$100, the same mistake on the other side;
--   return_over_1000   revenue over 1,000 times the budget, almost always one of the above.
with

films as (

    select
        movie_id,
        title,
        release_year,
        budget,
        revenue,
        "return"
    from {{ ref('movies') }}

),

flagged as (

    select
        'budget_under_100' as anomaly,
        *
    from films
    where budget between 1 and 100
    union all
    select
        'revenue_under_100' as anomaly,
        *
    from films
    where revenue between 1 and 100
    union all
    select
        'return_over_1000' as anomaly,
        *
    from films
    where "return" > 1000

)

select
    anomaly,
    movie_id,
    title,
    release_year,
    budget,
    revenue,
    "return"
from flagged
