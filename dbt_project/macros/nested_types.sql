{#- The JSON structures (for from_json) of the nested raw columns, in one place so staging
    models and tests agree on every field and type. -#}
{% macro nested_type(name) -%}
{%- set types = {
    'collection': '{"id": "INTEGER", "name": "VARCHAR", "poster_path": "VARCHAR", "backdrop_path": "VARCHAR"}',
    'id_name_list': '[{"id": "INTEGER", "name": "VARCHAR"}]',
    'country_list': '[{"iso_3166_1": "VARCHAR", "name": "VARCHAR"}]',
    'language_list': '[{"iso_639_1": "VARCHAR", "name": "VARCHAR"}]',
    'cast_list': '[{"cast_id": "INTEGER", "character": "VARCHAR", "credit_id": "VARCHAR", "gender": "INTEGER", "id": "INTEGER", "name": "VARCHAR", "order": "INTEGER", "profile_path": "VARCHAR"}]',
    'crew_list': '[{"credit_id": "VARCHAR", "department": "VARCHAR", "gender": "INTEGER", "id": "INTEGER", "job": "VARCHAR", "name": "VARCHAR", "profile_path": "VARCHAR"}]',
} -%}
{{ types[name] }}
{%- endmacro %}
