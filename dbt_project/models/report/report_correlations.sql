-- Pearson and Spearman (rank) correlation of every pair of popularity, vote_count,
-- vote_average, budget and revenue, each pair over the films that know both values (budget
-- and revenue of 0 mean unknown and are left out). Spearman is Pearson on average ranks
-- (ties share their mean rank), so a few huge values cannot dominate it.
with

films as (

    select
        movie_id,
        popularity,
        vote_count::double as vote_count,
        vote_average,
        nullif(budget, 0)::double as budget,
        nullif(revenue, 0)::double as revenue
    from {{ ref('movies') }}

),

measures as (

    unpivot films
    on popularity, vote_count, vote_average, budget, revenue
    into name measure value value

),

pairs as (

    select
        x.measure as measure_x,
        y.measure as measure_y,
        x.value as x,
        y.value as y
    from measures as x
    inner join measures as y on x.movie_id = y.movie_id and x.measure < y.measure

),

ranked as (

    select
        measure_x,
        measure_y,
        x,
        y,
        rank() over (partition by measure_x, measure_y order by x)
        + (count(*) over (partition by measure_x, measure_y, x) - 1) / 2.0 as x_rank,
        rank() over (partition by measure_x, measure_y order by y)
        + (count(*) over (partition by measure_x, measure_y, y) - 1) / 2.0 as y_rank
    from pairs

)

select
    measure_x,
    measure_y,
    count(*) as films,
    corr(x, y) as pearson,
    corr(x_rank, y_rank) as spearman
from ranked
group by measure_x, measure_y
