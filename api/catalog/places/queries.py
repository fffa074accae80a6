"""The statements behind `/countries` and `/languages`: by name, one row, the best of the
keys that match (a code before a name, then the most films); the lists, every row, most films
first (a page is a slice)."""

from __future__ import annotations

COUNTRY = """
select country_code as code, country, country_es, films
from {db}.api.films_by_country
where
    country_code_key = $key
    or country_key = $key
    or country_en_key = $key
    or country_es_key = $key
order by
    country_code_key = $key desc,
    country_key = $key desc,
    country_en_key = $key desc,
    films desc,
    country_code
limit 1
"""

LANGUAGE = """
select language_code as code, language_en as language, language_es, films
from {db}.api.films_by_language
where
    language_code_key = $key
    or language_en_key = $key
    or language_es_key = $key
    or native_name_key = $key
order by
    language_code_key = $key desc,
    language_en_key = $key desc,
    language_es_key = $key desc,
    films desc,
    language_code
limit 1
"""

COUNTRIES = """
select country_code as code, country, country_es, films
from {db}.api.films_by_country
order by films desc, country_code
"""

LANGUAGES = """
select language_code as code, language_en as language, language_es, films
from {db}.api.films_by_language
order by films desc, language_code
"""
