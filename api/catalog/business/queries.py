"""The statements behind `/franchises` and `/companies`."""

from __future__ import annotations

# A full name before a short one ("Toy Story" is both), then the most films.
FRANCHISE = """
select collection_id, franchise, films, total_revenue, average_revenue
from {db}.api.franchise_success
where franchise_key = $key or franchise_short_key = $key
order by franchise_key = $key desc, films desc, collection_id
"""

# The few rows of a key are put in name_rank order in Python (Warehouse.fetch_structs).
COMPANY = """
select name_rank, company_id, company, films, total_revenue
from {db}.api.company_success
where company_key = $key
"""
