-- One row describing the build the API answers from: when it ran, with which dbt and
-- DuckDB, and the row counts of the main tables.
with

builds as (

    select
        min(build_started_at) as build_started_at,
        max(build_finished_at) as build_finished_at,
        max(dbt_version) as dbt_version,
        max(duckdb_version) as duckdb_version
    from {{ ref('build_summary') }}

),

counts as (

    select
        (select count(*) from {{ ref('movies') }}) as movies,
        (select count(*) from {{ ref('people') }}) as people,
        (select count(*) from {{ ref('movie_cast') }}) as cast_credits,
        (select count(*) from {{ ref('movie_crew') }}) as crew_credits,
        (select count(*) from {{ ref('collections') }}) as collections,
        (select count(*) from {{ ref('companies') }}) as companies,
        (select count(*) from {{ ref('ratings') }}) as ratings

)

select
    builds.build_started_at,
    builds.build_finished_at,
    builds.dbt_version,
    builds.duckdb_version,
    counts.movies,
    counts.people,
    counts.cast_credits,
    counts.crew_credits,
    counts.collections,
    counts.companies,
    counts.ratings
from builds
cross join counts
