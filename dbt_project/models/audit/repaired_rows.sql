-- Every raw record that was kept after a repair, with what was changed: today the streaming
-- rows whose duration sat in the `rating` column (the value moves to duration, rating = `g`).
select
    platform as source,
    parse_filename(case platform
        {% for raw in raw_sources() if raw.model == 'int_streaming_titles_validated' %}
            when '{{ raw.source }}' then '{{ raw.path }}'
        {% endfor %}
    end) as source_file,
    record_number,
    title_id,
    'duration_in_rating' as repair,
    raw_rating as raw_value,
    duration_int || ' ' || duration_type as repaired_duration,
    rating as repaired_rating,
    raw_record
from {{ ref('int_streaming_titles_validated') }}
where duration_repaired and rejection_reason is null
