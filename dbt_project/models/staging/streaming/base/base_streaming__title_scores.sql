-- The raw records of title_scores.csv as text, numbered in file order.
with

source as (

    select * from {{ source('streaming', 'title_scores') }}

),

numbered as (

    select
        row_number() over () as record_number,
        *
    from source

)

select * from numbered
