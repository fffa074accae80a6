{#- Custom schemas are used as written (`audit`, `api`, `staging`), not prefixed with the
    target schema: analysts query `audit.rejected_rows`, not `main_audit.rejected_rows`. -#}
{% macro generate_schema_name(custom_schema_name, node) -%}
    {%- if custom_schema_name is none -%}
        {{ target.schema }}
    {%- else -%}
        {{ custom_schema_name | trim }}
    {%- endif -%}
{%- endmacro %}
