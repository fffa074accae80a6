"""OpenAPI examples of `/franchises` and `/companies` (figures from the full data)."""

from __future__ import annotations

TOY_STORY_COLLECTION = {
    "collection_id": 10194,
    "franchise": "Toy Story Collection",
    "films": 3,
    "total_revenue": 1937890605,
    "average_revenue": 645963535.0,
    "alternatives": [],
}
PIXAR = {
    "company_id": 3,
    "company": "Pixar Animation Studios",
    "films": 52,
    "total_revenue": 11188533734,
    "alternatives": [],
}

UNKNOWN_FRANCHISE = ("No franchise matches 'toy stroy'.", ["Toy Story Collection"])
UNKNOWN_COMPANY = ("No company matches 'pixar studios'.", ["Pixar Animation Studios"])
