-- The build a report describes: when it ran, with which dbt and DuckDB, and the size of the
-- two catalogues, so a reader can tell which data the figures come from.
with

builds as (

    select
        min(build_started_at) as build_started_at,
        max(build_finished_at) as build_finished_at,
        max(dbt_version) as dbt_version,
        max(duckdb_version) as duckdb_version,
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
    builds.build_started_at,
    builds.build_finished_at,
    builds.dbt_version,
    builds.duckdb_version,
    builds.raw_rows_read,
    builds.raw_rows_rejected,
    counts.movies,
    counts.streaming_titles
from builds
cross join counts
