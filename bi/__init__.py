"""Apache Superset over the warehouse: configuration, provisioning, dashboards as code, checks.

Run with the BI virtualenv (`.venv-bi/bin/python -m bi.<module>`), never the main one:
Superset pins its own SQLAlchemy 1.4 and Flask stack.
"""
