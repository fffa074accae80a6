"""The statements behind `/releases` (views `api.films_by_month`, `api.films_by_weekday`)."""

from __future__ import annotations

FILMS_BY_MONTH = """
select month, month_en, month_es, films
from {db}.api.films_by_month
where month = $number or month_es_key = $key or month_en_key = $key
"""

FILMS_BY_WEEKDAY = """
select weekday, weekday_en, weekday_es, films
from {db}.api.films_by_weekday
where weekday = $number or weekday_es_key = $key or weekday_en_key = $key
"""
