{#- The raw files of each source, as (source name, staging/validation model, file path var),
    so audit models list every source in one place. -#}
{% macro raw_sources() -%}
{{ return([
    {'source': 'movies', 'model': 'int_movies_validated', 'path': raw_file_path('raw_movies_file', 'movies_dataset.csv')},
    {'source': 'credits', 'model': 'int_credits_validated', 'path': raw_file_path('raw_credits_file', 'credits.csv')},
    {'source': 'keywords', 'model': 'int_keywords_validated', 'path': raw_file_path('raw_keywords_file', 'keywords.csv')},
    {'source': 'links', 'model': 'int_links_validated', 'path': raw_file_path('raw_links_file', 'links.csv')},
    {'source': 'ratings', 'model': 'int_ratings_validated', 'path': raw_file_path('raw_ratings_file', 'ratings_small.csv')},
]) }}
{%- endmacro %}
