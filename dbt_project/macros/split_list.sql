{#- A comma-separated raw list (`cast`, `country`, `listed_in`) as a lower-cased list of
    trimmed, non-empty items; NULL stays NULL. -#}
{% macro split_list(column) -%}
list_filter(
    list_transform(string_split(lower({{ column }}), ','), lambda item: trim(item)),
    lambda item: item <> ''
)
{%- endmacro %}
