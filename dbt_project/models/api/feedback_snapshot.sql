-- One row: the feedback this build trained on. Every rating of the store with an id up to
-- `watermark` is in this build's snapshot (in `ratings` unless rejected or replaced by a later
-- rating of the same film); a higher id arrived after the build started. The values come from
-- the build (var `feedback_snapshot`, warehouse/inputs.py); a build without one read none.
{%- set snapshot = var('feedback_snapshot', {}) %}
{%- set snapshot = snapshot if snapshot is mapping else {} %}
with

snapshot as (

    select count(*) as feedback_rows
    from {{ ref('stg_feedback__ratings') }}

)

select
    {{ snapshot.get('watermark', 0) | int }}::bigint as watermark,
    feedback_rows::bigint as feedback_rows,
    {% if snapshot.get('taken_at') -%}
        '{{ snapshot.taken_at }}'::timestamp
    {%- else -%}
        '{{ run_started_at }}'::timestamptz at time zone 'UTC'
    {%- endif %} as snapshot_at
from snapshot
