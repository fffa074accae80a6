"""OpenAPI examples of `/releases` (figures from the full data)."""

from __future__ import annotations

JANUARY = {"month": 1, "month_en": "january", "month_es": "enero", "films": 5909}
WEDNESDAY = {"weekday": 3, "weekday_en": "wednesday", "weekday_es": "miércoles", "films": 7027}

UNKNOWN_MONTH = ("No month matches 'enro'.", ["enero"])
UNKNOWN_WEEKDAY = ("No weekday matches 'lunez'.", ["lunes"])
INVALID_MONTH = "month must be 1 to 12 or a month name, not 13."
INVALID_WEEKDAY = "weekday must be 1 (Monday) to 7 (Sunday) or a weekday name, not 8."
