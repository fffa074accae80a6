-- The raw records of the credits source as text, numbered in file order (the CSV is read
-- single-threaded, so the window sees file order). Loading is kept apart from parsing so
-- the build can report load and parse time separately.
with

source as (

    select * from {{ source('movies', 'credits') }}

),

numbered as (

    select
        row_number() over () as record_number,
        *
    from source

)

select * from numbered
