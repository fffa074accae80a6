"""The statements behind `/users/{user_id}/ratings` (all over the live build; the ratings
themselves are read and written by `warehouse.feedback_store`)."""

from __future__ import annotations

# api.movie_details has one row per film of the catalogue (api.movie_by_title leaves out
# films without a title) and an index on movie_id.
KNOWN_FILMS = """
select movie_id
from {db}.api.movie_details
where movie_id in (select unnest($ids))
"""

# Builds made before the feedback snapshot existed have no such relation: asked first, so
# its absence means watermark 0 rather than an error.
SNAPSHOT_PRESENT = """
select count(*) > 0 as present
from information_schema.tables
where table_catalog = $catalog and table_schema = 'api' and table_name = 'feedback_snapshot'
"""

SNAPSHOT = """
select max(watermark) as watermark
from {db}.api.feedback_snapshot
"""
