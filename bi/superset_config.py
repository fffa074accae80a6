"""Superset configuration for the movie warehouse (loaded through SUPERSET_CONFIG_PATH).

Everything Superset keeps lives under build/bi/ (SUPERSET_HOME): the SQLite metadata
database and the secret key, generated on first use and kept, because the key encrypts the
stored database connections and signs sessions (a new key would orphan both).
"""

from __future__ import annotations

import copy
import os
import secrets
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
BI_HOME = Path(os.environ.get("SUPERSET_HOME", REPO_ROOT / "build" / "bi")).absolute()
BI_HOME.mkdir(parents=True, exist_ok=True)


def _secret_key(path: Path) -> str:
    """The key kept in build/bi/secret_key, created (owner-only) the first time."""
    if not path.exists():
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as out:
            out.write(secrets.token_urlsafe(48))
    return path.read_text().strip()


SECRET_KEY = _secret_key(BI_HOME / "secret_key")
SQLALCHEMY_DATABASE_URI = f"sqlite:///{BI_HOME / 'superset.db'}?check_same_thread=false"

# No usage telemetry. SCARF_ANALYTICS is the documented switch; Superset 6.1's front end
# still renders the Scarf pixel, so its hosts are also dropped from the Content Security
# Policy below and the browser refuses to load it.
SCARF_ANALYTICS = False

# No chart-data cache (Superset 6.1's default too; set here so it cannot change silently).
# A build never changes, but `make build` swaps a new one in under the same path, and
# Superset's cache key (query text + dataset) cannot see the swap: cached charts would show
# the previous build for up to CACHE_DEFAULT_TIMEOUT (a day). A key that included the build
# would need code run per query; the dashboard's queries take 80-160 ms each end to end
# (DuckDB itself a few ms), so there is nothing worth caching.
DATA_CACHE_CONFIG = {"CACHE_TYPE": "NullCache"}
CACHE_CONFIG = {"CACHE_TYPE": "NullCache"}

# Uploads and other files Superset writes stay beside the metadata, not in ~/.superset.
DATA_DIR = str(BI_HOME)
# The front end's request timeout, the same as gunicorn's --timeout in the Makefile.
SUPERSET_WEBSERVER_TIMEOUT = 120

# Superset's default policy minus the Scarf hosts. This file is executed while
# superset.config is being loaded, so its defaults are already there to copy.
_default_config = sys.modules.get("superset.config")
if _default_config is not None and hasattr(_default_config, "TALISMAN_CONFIG"):
    TALISMAN_CONFIG = copy.deepcopy(_default_config.TALISMAN_CONFIG)
    _policy = TALISMAN_CONFIG["content_security_policy"]
    _policy["img-src"] = [src for src in _policy["img-src"] if "scarf.sh" not in src]
