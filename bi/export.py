"""Export the "Movie warehouse" dashboard from a running Superset into bi/dashboards/.

The way to change the dashboard: edit it in Superset, then `make bi-export` and commit the
YAML. Before exporting, any chart without a stored query_context (one created through the
API, never saved from Explore) is opened once in Explore in headless Chromium: the front end
then computes and stores it, and `make test-bi` needs it to run every chart's query.
The export is unzipped as Superset wrote it, with two changes: file names lose their
instance-specific `_<id>` suffix, and the database's absolute path becomes a token that
`bi.templating` fills in on import.

    python -m bi.export [--url http://127.0.0.1:8088]
"""

from __future__ import annotations

import argparse
import io
import re
import shutil
import time
import zipfile
from pathlib import PurePosixPath

import yaml

from bi.browser import logged_in_chromium
from bi.client import SupersetClient
from bi.settings import (
    DASHBOARD_SLUG,
    DASHBOARDS_DIR,
    WAREHOUSE_TOKEN,
    admin_password,
    admin_username,
)


def ensure_query_contexts(client: SupersetClient, chart_ids: list[int], base_url: str) -> None:
    missing = [
        chart_id
        for chart_id in chart_ids
        if not client.get(f"/api/v1/chart/{chart_id}")["result"].get("query_context")
    ]
    if not missing:
        return
    with logged_in_chromium(base_url, admin_username(), admin_password()[0]) as driver:
        for chart_id in missing:
            driver.get(f"{base_url}/explore/?slice_id={chart_id}")
            deadline = time.monotonic() + 60
            while not client.get(f"/api/v1/chart/{chart_id}")["result"].get("query_context"):
                if time.monotonic() > deadline:
                    raise SystemExit(f"chart {chart_id}: Explore stored no query_context in 60 s")
                time.sleep(1)
            print(f"chart {chart_id}: query_context stored by Explore")


def stable_name(path: PurePosixPath) -> PurePosixPath:
    """charts/Films_per_year_12.yaml -> charts/Films_per_year.yaml: ids differ per instance."""
    if path.parts[0] in ("charts", "dashboards", "datasets"):
        return path.with_name(re.sub(r"_\d+\.yaml$", ".yaml", path.name))
    return path


def write_export(bundle: bytes) -> list[str]:
    files: dict[PurePosixPath, str] = {}
    with zipfile.ZipFile(io.BytesIO(bundle)) as archive:
        for name in archive.namelist():
            relative = PurePosixPath(*PurePosixPath(name).parts[1:])  # drop dashboard_export_<ts>/
            text = archive.read(name).decode()
            if relative.parts[0] == "databases":
                config = yaml.safe_load(text)
                config["sqlalchemy_uri"] = f"duckdb:///{WAREHOUSE_TOKEN}"
                text = yaml.safe_dump(config, sort_keys=False, allow_unicode=True)
            target = stable_name(relative)
            if target in files:
                raise SystemExit(f"two exported files would be named {target}")
            files[target] = text
    if DASHBOARDS_DIR.exists():
        shutil.rmtree(DASHBOARDS_DIR)
    for relative, text in files.items():
        out = DASHBOARDS_DIR / relative
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(text)
    return sorted(str(relative) for relative in files)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default="http://127.0.0.1:8088")
    parser.add_argument("--slug", default=DASHBOARD_SLUG)
    args = parser.parse_args()
    client = SupersetClient(args.url, admin_username(), admin_password()[0])
    dashboard = client.get(f"/api/v1/dashboard/{args.slug}")["result"]
    charts = client.get(f"/api/v1/dashboard/{dashboard['id']}/charts")["result"]
    ensure_query_contexts(client, [chart["id"] for chart in charts], args.url)
    response = client.request(
        "GET", "/api/v1/dashboard/export/", params={"q": f"!({dashboard['id']})"}
    )
    response.raise_for_status()
    written = write_export(response.content)
    print(
        f"exported '{dashboard['dashboard_title']}' ({len(charts)} charts) to "
        f"{DASHBOARDS_DIR}: {len(written)} files"
    )


if __name__ == "__main__":
    main()
