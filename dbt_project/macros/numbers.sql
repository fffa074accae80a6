{#- Raw numbers are text: `5415.0` for counts, `` for unknown, shifted garbage in corrupt rows.
    These never fail a build: what does not parse becomes NULL, and marts decide what NULL means. -#}
{% macro to_whole_number(column) -%}
try_cast(try_cast(trim({{ column }}) as double) as bigint)
{%- endmacro %}

{#- Ids must be written as integers (`862`), so `1997-08-20` or `862.5` is not an id. -#}
{% macro to_id(column) -%}
try_cast(trim({{ column }}) as integer)
{%- endmacro %}

{#- A calendar date written YYYY-MM-DD; anything else (empty, `2015-02-30`) is NULL. -#}
{% macro to_iso_date(column) -%}
(case when regexp_full_match(trim({{ column }}), '\d{4}-\d{2}-\d{2}')
    then try_strptime(trim({{ column }}), '%Y-%m-%d')::date end)
{%- endmacro %}
