-- Every raw record that did not become a row of a mart, with the reason and its raw fields.
-- Together with the marts this accounts for every record read (see build_summary).
-- oversized_record: longer than var max_record_bytes; its raw_record is cut to 64 KiB.
-- The feedback snapshot's records are the store's ratings: record_number is the rating's id,
-- and there is no line_number.
{% for raw in audit_sources() %}
    select
        '{{ raw.source }}' as source,
        parse_filename('{{ raw.path }}') as source_file,
        record_number,
        {{ 'record_number + 1' if raw.lines else 'null::bigint' }} as line_number,
        rejection_reason as reason,
        -- an oversized record keeps its first 64 KiB and its size, not megabytes of text
        case
            when rejection_reason = 'oversized_record'
                then
                    to_json({
                        'truncated_from_bytes': strlen(raw_record::varchar),
                        'head': left(raw_record::varchar, 65536)
                    })
            else raw_record
        end as raw_record
    from {{ ref(raw.model) }}
    where rejection_reason is not null and {{ raw.filter }}
    {% if not loop.last %}union all{% endif %}
{% endfor %}
