"""The statement behind `/collections`."""

from __future__ import annotations

COLLECTION = """
select collection_id, name, films, total_revenue, movies
from {db}.api.collection_details
where collection_id = $collection_id
"""
