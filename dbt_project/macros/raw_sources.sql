{#- Every raw file of a build: its logical source name, the validation model holding its
    records with their rejection reason, an optional filter selecting this file's records in
    that model, and its path. Audit models list every source from here. -#}
{% macro raw_sources() -%}
{%- set sources = [
    {'source': 'movies', 'model': 'int_movies_validated', 'file': 'movies/movies_dataset.csv', 'var': 'raw_movies_file'},
    {'source': 'credits', 'model': 'int_credits_validated', 'file': 'movies/credits.csv', 'var': 'raw_credits_file'},
    {'source': 'keywords', 'model': 'int_keywords_validated', 'file': 'movies/keywords.csv', 'var': 'raw_keywords_file'},
    {'source': 'links', 'model': 'int_links_validated', 'file': 'movies/links.csv', 'var': 'raw_links_file'},
    {'source': 'ratings', 'model': 'int_ratings_validated', 'file': 'movies/ratings_small.csv', 'var': 'raw_ratings_file'},
    {'source': 'amazon', 'model': 'int_streaming_titles_validated', 'filter': "platform = 'amazon'", 'file': 'streaming/amazon_prime_titles.csv', 'var': 'raw_amazon_file'},
    {'source': 'disney', 'model': 'int_streaming_titles_validated', 'filter': "platform = 'disney'", 'file': 'streaming/disney_plus_titles.csv', 'var': 'raw_disney_file'},
    {'source': 'hulu', 'model': 'int_streaming_titles_validated', 'filter': "platform = 'hulu'", 'file': 'streaming/hulu_titles.csv', 'var': 'raw_hulu_file'},
    {'source': 'netflix', 'model': 'int_streaming_titles_validated', 'filter': "platform = 'netflix'", 'file': 'streaming/netflix_titles.csv', 'var': 'raw_netflix_file'},
    {'source': 'title_scores', 'model': 'int_streaming_scores_validated', 'file': 'streaming/title_scores.csv', 'var': 'raw_title_scores_file'},
] -%}
{%- for raw in sources -%}
    {%- do raw.update({'path': raw_file_path(raw.var, raw.file), 'filter': raw.get('filter', 'true')}) -%}
{%- endfor -%}
{{ return(sources) }}
{%- endmacro %}
