-- Empty (NULL) values per column of the two main marts, movies and streaming_titles. Every
-- column is counted (DuckDB's COLUMNS(*)), so a column added to a mart appears here without
-- an edit. A budget, revenue or runtime of 0 (unknown) is not NULL: see report_money_summary
-- and report_runtime_summary.
with

movies_filled as (

    select count(columns(*)) from {{ ref('movies') }}

),

movies_columns as (

    unpivot movies_filled on columns(*) into name column_name value filled_rows

),

titles_filled as (

    select count(columns(*)) from {{ ref('streaming_titles') }}

),

titles_columns as (

    unpivot titles_filled on columns(*) into name column_name value filled_rows

),

filled as (

    select
        'movies' as table_name,
        column_name,
        filled_rows,
        (select count(*) from {{ ref('movies') }}) as table_rows
    from movies_columns
    union all
    select
        'streaming_titles' as table_name,
        column_name,
        filled_rows,
        (select count(*) from {{ ref('streaming_titles') }}) as table_rows
    from titles_columns

)

select
    table_name,
    column_name,
    table_rows,
    table_rows - filled_rows as null_rows,
    case when table_rows > 0 then (table_rows - filled_rows) / table_rows else 0 end as null_share
from filled
