"""The film catalogue of The Movies Dataset, one sub-package per resource: `movies` (by title
and id), `people` (actors and directors), `releases` (months and weekdays), `places`
(countries and languages) and `business` (franchises and production companies, by revenue).
"""
