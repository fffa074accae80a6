"""Copy bi/dashboards/ to build/bi/import/ with the warehouse's absolute path filled in.

The database definition needs an absolute path, which depends on where the repository is
cloned, so the committed YAML holds a token and each machine gets its own copy to import.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml

from bi.settings import DASHBOARDS_DIR, IMPORT_DIR, WAREHOUSE_TOKEN, warehouse_path


def warehouse_uri(path: Path) -> str:
    """duckdb:////abs/path (read-only mode and the sandbox are in the database's `extra`)."""
    return f"duckdb:///{path}"


def render_import_dir(
    source: Path = DASHBOARDS_DIR, target: Path = IMPORT_DIR, warehouse: Path | None = None
) -> Path:
    uri = warehouse_uri(warehouse or warehouse_path())
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(source, target)
    databases = sorted((target / "databases").glob("*.yaml"))
    if not databases:
        raise SystemExit(f"no database definition under {source}/databases")
    for database_file in databases:
        config = yaml.safe_load(database_file.read_text())
        if WAREHOUSE_TOKEN not in config["sqlalchemy_uri"]:
            raise SystemExit(f"{database_file.name}: sqlalchemy_uri lacks {WAREHOUSE_TOKEN}")
        config["sqlalchemy_uri"] = uri
        database_file.write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True))
    return target
