{#- Every raw file of a build, from the raw-file registry (var `raw_files`, dbt_project.yml):
    its audit source name, the validation model holding its records with their rejection
    reason, the filter selecting this file's records in that model, and its path. The audit
    models list every source from here. -#}
{% macro raw_sources() -%}
{%- set sources = [] -%}
{%- for name, raw in var('raw_files').items() -%}
    {%- do sources.append({
        'source': name,
        'model': raw.validated_in,
        'filter': raw.get('filter', 'true'),
        'path': raw_file_path(name),
    }) -%}
{%- endfor -%}
{{ return(sources) }}
{%- endmacro %}
