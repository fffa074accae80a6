{#- The path of a raw file, as the sources read it (same var, same default). -#}
{% macro raw_file_path(path_var, relative_path) -%}
{{ return(var(path_var, env_var('RAW_DATA_DIR', '../shared/data') ~ '/' ~ relative_path)) }}
{%- endmacro %}
