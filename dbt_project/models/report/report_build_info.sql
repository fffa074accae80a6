-- The build a report describes: when it ran, with which dbt and DuckDB (api.build_info), the
-- raw rows read and rejected, and the size of the two catalogues, so a reader can tell which
-- data the figures come from.
with

build as (

    select
        build_started_at,
        build_finished_at,
        dbt_version,
        duckdb_version
    from {{ ref('build_info') }}

),

raw_rows as (

    select
        sum(rows_read)::bigint as raw_rows_read,
        sum(rows_rejected)::bigint as raw_rows_rejected
    from {{ ref('build_summary') }}

),

counts as (

    select
        (select count(*) from {{ ref('movies') }}) as movies,
        (select count(*) from {{ ref('streaming_titles') }}) as streaming_titles

)

select
    build.build_started_at,
    build.build_finished_at,
    build.dbt_version,
    build.duckdb_version,
    raw_rows.raw_rows_read,
    raw_rows.raw_rows_rejected,
    counts.movies,
    counts.streaming_titles
from build
cross join raw_rows
cross join counts
