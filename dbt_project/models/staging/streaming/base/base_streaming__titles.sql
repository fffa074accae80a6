-- The raw records of the four platform catalogues as text, one table, each record numbered in
-- its own file's order and tagged with its platform and the `title_id` prefix title_scores uses.
{%- set catalogues = [
    ('amazon', 'a', 'amazon_prime_titles'),
    ('disney', 'd', 'disney_plus_titles'),
    ('hulu', 'h', 'hulu_titles'),
    ('netflix', 'n', 'netflix_titles'),
] %}
with

{% for platform, prefix, table in catalogues %}
    {{ platform }} as (

        select
            '{{ platform }}' as platform,
            '{{ prefix }}' as id_prefix,
            row_number() over () as record_number,
            *
        from {{ source('streaming', table) }}

    ){% if not loop.last %},{% endif %}

{% endfor %}

{% for platform, prefix, table in catalogues %}
    select * from {{ platform }}
    {% if not loop.last %}union all by name{% endif %}
{% endfor %}
