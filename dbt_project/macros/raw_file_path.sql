{#- The path a build reads for the audit source `name` of the raw-file registry (var
    `raw_files`): the resolved path the warehouse CLI passes in `raw_paths`, else the
    registry's file under $RAW_DATA_DIR. The sources compute the same in their yml, where
    macros cannot be called. -#}
{% macro raw_file_path(name) -%}
    {%- set given = var('raw_paths', {}) -%}
    {%- if given is mapping and given.get(name) -%}
        {{ return(given[name]) }}
    {%- endif -%}
    {{ return(env_var('RAW_DATA_DIR', '../shared/data') ~ '/' ~ raw_file_registry()[name].file) }}
{%- endmacro %}
