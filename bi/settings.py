"""Where the BI pieces live and how Superset's processes are configured.

One place for the paths so the Makefile, provisioning and the checks agree: Superset's state
under build/bi/ (rebuilt from the repository at any time), the dashboards as code under
bi/dashboards/, and the warehouse as the live symlink (never the file it points at, so a
rebuild's swap is picked up by the next query).
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from warehouse.settings import get_settings

REPO_ROOT = Path(__file__).resolve().parent.parent
CONFIG_PATH = REPO_ROOT / "bi" / "superset_config.py"
DASHBOARDS_DIR = REPO_ROOT / "bi" / "dashboards"
BI_HOME = Path(os.environ.get("SUPERSET_HOME", REPO_ROOT / "build" / "bi")).absolute()
IMPORT_DIR = BI_HOME / "import"
ADMIN_PASSWORD_FILE = BI_HOME / "admin_password"

# The token bi/dashboards/databases/*.yaml holds instead of a machine-specific path.
WAREHOUSE_TOKEN = "__WAREHOUSE_PATH__"
DASHBOARD_SLUG = "movie-warehouse"


def warehouse_path() -> Path:
    """The live path of the project's settings (WAREHOUSE_PATH, else build/warehouse.duckdb in
    the repository), absolute but not resolved. warehouse.settings needs only the standard
    library, so Superset's own virtualenv imports it from the checkout."""
    return get_settings().warehouse_path.absolute()


def superset_env() -> dict[str, str]:
    """The environment every `superset` / gunicorn process runs with."""
    env = dict(os.environ)
    env.setdefault("SUPERSET_CONFIG_PATH", str(CONFIG_PATH))
    env.setdefault("SUPERSET_HOME", str(BI_HOME))
    return env


def admin_username() -> str:
    return os.environ.get("SUPERSET_ADMIN_USER", "admin")


def admin_password(create: bool = False) -> tuple[str, bool]:
    """(password, generated_now): SUPERSET_ADMIN_PASSWORD, else the one kept in
    build/bi/admin_password, else (with create) a new one written there owner-only."""
    if password := os.environ.get("SUPERSET_ADMIN_PASSWORD"):
        return password, False
    if ADMIN_PASSWORD_FILE.exists():
        return ADMIN_PASSWORD_FILE.read_text().strip(), False
    if not create:
        raise SystemExit(
            f"no admin password: set SUPERSET_ADMIN_PASSWORD or run `make bi-setup`"
            f" (it writes {ADMIN_PASSWORD_FILE})"
        )
    BI_HOME.mkdir(parents=True, exist_ok=True)
    password = secrets.token_urlsafe(18)
    fd = os.open(ADMIN_PASSWORD_FILE, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as out:
        out.write(password + "\n")
    return password, True
