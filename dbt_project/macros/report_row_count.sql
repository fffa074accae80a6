{#- Post-hook of every table model: logs `row_count <model> <n>` so the build's progress
    shows how many rows each model produced (dbt-duckdb reports only "OK"). Emits no SQL. -#}
{% macro report_row_count() -%}
    {%- if execute and model.config.materialized == 'table' -%}
        {%- set result = run_query('select count(*) from ' ~ this) -%}
        {%- do log('row_count ' ~ this.identifier ~ ' ' ~ result.columns[0].values()[0], info=false) -%}
    {%- endif -%}
{%- endmacro %}
