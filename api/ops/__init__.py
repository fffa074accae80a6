"""The operational routes: `/health` (which build answers), `/metrics` (Prometheus),
`/report` (the EDA report) and `/warehouse-docs` (dbt's documentation site).

The two pages are static files that separate commands generate beside the live build; the
API only serves them (api/pages.py), so it needs neither matplotlib nor dbt:

- `/report`: `python -m warehouse report` writes one self-contained HTML file (images inline,
  no script, no network) into `report/` beside the live path (`build/report/index.html` for
  `build/warehouse.duckdb`); the page names the build it was made from.
- `/warehouse-docs`: `python -m warehouse docs` (or `make docs`) writes dbt's docs site as
  one self-contained HTML file into `docs/` beside the live path.
"""
