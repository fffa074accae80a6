{#- Every raw file of a build, from the raw-file registry (var `raw_files`, dbt_project.yml):
    its audit source name, the validation model holding its records with their rejection
    reason, the filter selecting this file's records in that model, and its path. The audit
    models list every source from here. -#}
{% macro raw_sources() -%}
{%- set sources = [] -%}
{%- for name, raw in raw_file_registry().items() -%}
    {%- do sources.append({
        'source': name,
        'model': raw.validated_in,
        'filter': raw.get('filter', 'true'),
        'path': raw_file_path(name),
    }) -%}
{%- endfor -%}
{{ return(sources) }}
{%- endmacro %}

{#- The registry itself. sqlfluff renders models without the project's vars (its `var` is a
    stub), so outside dbt two placeholder entries (one per validation shape) stand in. -#}
{% macro raw_file_registry() -%}
{%- set registry = var('raw_files') -%}
{%- if registry is not mapping -%}
    {%- set registry = {
        'movies': {'validated_in': 'int_movies_validated', 'file': 'movies.csv'},
        'netflix': {'validated_in': 'int_streaming_titles_validated', 'file': 'netflix.csv',
                    'filter': "platform = 'netflix'"},
    } -%}
{%- endif -%}
{{ return(registry) }}
{%- endmacro %}
