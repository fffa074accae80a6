{#- How known an item is, 0 to 1: ln(1 + votes) over the largest of the relation (a window
    over every row), 0 when nothing has votes. A log scale, not a percentile: the top of the
    list stays apart (12,269 votes against 2,000 is a real difference; percentiles would make
    both 0.99). Search blends it with text relevance (api/search/service.py). -#}
{% macro fame(votes) -%}
coalesce(
    ln(1 + coalesce({{ votes }}, 0))
    / nullif(max(ln(1 + coalesce({{ votes }}, 0))) over (), 0),
    0
)
{%- endmacro %}
