-- Every raw record that did not become a row of a mart, with the reason and its raw fields.
-- Together with the marts this accounts for every record read (see build_summary).
{% for raw in raw_sources() %}
    select
        '{{ raw.source }}' as source,
        parse_filename('{{ raw.path }}') as source_file,
        record_number,
        record_number + 1 as line_number,
        rejection_reason as reason,
        raw_record
    from {{ ref(raw.model) }}
    where rejection_reason is not null and {{ raw.filter }}
    {% if not loop.last %}union all{% endif %}
{% endfor %}
