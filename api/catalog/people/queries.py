"""The statements behind `/actors`, `/directors` and `/people`.

The few rows of a key are put in name_rank (film_order) order in Python: an ORDER BY costs
DuckDB more than the lookup itself (Warehouse.fetch_structs); the rank is the view's.
"""

from __future__ import annotations

ACTOR_BY_NAME = """
select name_rank, person_id, name, films, total_return, average_return
from {db}.api.actor_success
where name_key = $key
"""

DIRECTOR_BY_NAME = """
select name_rank, person_id, name, films, total_return, average_return
from {db}.api.director_success
where name_key = $key
"""

DIRECTOR_FILMS = """
select film_order, movie_id, title, release_date, "return", budget, revenue
from {db}.api.director_films
where person_id = $person_id
"""

PERSON = """
select person_id, name, gender, cast_credits, crew_credits
from {db}.api.person_details
where person_id = $person_id
"""
