-- Budget, revenue and return of every film in long form (measure, value), keeping only known
-- values: the statement writes an unknown budget or revenue as 0, and `return` is 0 unless
-- both are known. The histogram and summary views read this one.
with

films as (

    select
        movie_id,
        budget,
        revenue,
        "return"
    from {{ ref('movies') }}

),

budgets as (

    select
        movie_id,
        'budget' as measure,
        budget::double as value
    from films
    where budget > 0

),

revenues as (

    select
        movie_id,
        'revenue' as measure,
        revenue::double as value
    from films
    where revenue > 0

),

returns as (

    select
        movie_id,
        'return' as measure,
        "return" as value
    from films
    where budget > 0 and revenue > 0

)

select * from budgets
union all
select * from revenues
union all
select * from returns
