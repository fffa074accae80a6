{#- One row per entry of a parsed list column of the kept records of `model`, with its
    1-based position in the list and the file order of its record (for "first seen" names).
    Entries are kept verbatim here; bridges drop repeats and dimensions pick names. -#}
{% macro unnest_list(model, list_column) -%}
select
    movie_id,
    record_number,
    generate_subscripts({{ list_column }}, 1) as list_position,
    unnest({{ list_column }}) as entry
from {{ ref(model) }}
where rejection_reason is null
{%- endmacro %}
