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

{#- Every source the audit models account for: the raw files (`raw_sources`) and, when the
    build passed one (var `feedback_snapshot`, warehouse/inputs.py), the feedback store's
    snapshot, whose records are the store's ratings (`lines`: false, a record is no line of a
    text file). A plain `dbt build` reads no snapshot and audits none. -#}
{% macro audit_sources() -%}
{%- set sources = [] -%}
{%- for raw in raw_sources() -%}
    {%- do sources.append(dict(raw, lines=true)) -%}
{%- endfor -%}
{%- set snapshot = var('feedback_snapshot', {}) -%}
{%- if snapshot is mapping and snapshot.get('path') -%}
    {%- do sources.append({
        'source': 'feedback',
        'model': 'int_feedback_ratings_validated',
        'filter': 'true',
        'path': snapshot.path,
        'lines': false,
    }) -%}
{%- endif -%}
{{ return(sources) }}
{%- endmacro %}
