-- One row per source of this build (each raw file, and the feedback store's snapshot when the
-- build took one): what was read, kept and rejected, the checksum of the file read, and when
-- and with what this warehouse was built.
with

counts as (

    {% for raw in audit_sources() %}
        select
            '{{ raw.source }}' as source,
            '{{ raw.path }}' as file_path,
            count(*) as rows_read,
            count(*) filter (where rejection_reason is null) as rows_kept,
            count(*) filter (where rejection_reason is not null) as rows_rejected
        from {{ ref(raw.model) }}
        where {{ raw.filter }}
        {% if not loop.last %}union all{% endif %}
    {% endfor %}

),

files as (

    select
        filename as file_path,
        sha256(content) as file_sha256,
        size as file_bytes
    from read_blob([
        {% for raw in audit_sources() %}
            '{{ raw.path }}'{% if not loop.last %},{% endif %}
        {% endfor %}
    ])

)

select
    counts.source,
    parse_filename(counts.file_path) as source_file,
    counts.file_path,
    files.file_sha256,
    files.file_bytes,
    counts.rows_read,
    counts.rows_kept,
    counts.rows_rejected,
    '{{ run_started_at }}'::timestamptz as build_started_at,
    -- replaced by the publish gate with the moment the build passed it (warehouse/publish.py)
    current_timestamp as build_finished_at,
    {{ 'true' if var('accept_changes', false) is sameas true else 'false' }} as changes_accepted,
    '{{ dbt_version }}' as dbt_version,
    version() as duckdb_version
from counts
left join files on counts.file_path = files.file_path
