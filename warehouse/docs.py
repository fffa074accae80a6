"""`python -m warehouse docs`: dbt's documentation site for the live build, as one HTML file.

`dbt docs generate --static` writes `static_index.html`: the lineage site with the manifest and
the catalog inlined, so it opens from disk or from the API's `/warehouse-docs` with no network
and no JSON files beside it. The catalog is read from a copy of the live build: the build file
may be open read-only by the API, and DuckDB lets a file be open either by readers or by one
writer (dbt-duckdb opens its database read-write), so dbt never touches the live file.
DBT_SEND_ANONYMOUS_USAGE_STATS=false (set by run_dbt) keeps dbt from injecting its
usage-tracker script, the only network call the generated page would make.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from warehouse.build import BuildFailed, current_build_file, run_dbt
from warehouse.progress import BuildProgress
from warehouse.raw import RawInput

DOCS_FILE = "index.html"


def docs_dir(live_path: Path) -> Path:
    """Where the docs of the build `live_path` names live (`build/docs` for the default)."""
    return live_path.parent / "docs"


def generate_docs(raw: RawInput, live_path: Path, out_dir: Path | None = None) -> Path:
    """Write the docs site of the build `live_path` names to `<out_dir>/index.html`."""
    build_file = current_build_file(live_path)
    if build_file is None or not build_file.is_file():
        raise BuildFailed(f"no warehouse at {live_path}; run `python -m warehouse build` first")
    out_dir = out_dir or docs_dir(live_path)
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="docs-", dir=out_dir) as scratch:
        # Same file name as the build, so the catalog names the database the way the API does.
        copy = Path(scratch) / build_file.name
        shutil.copyfile(build_file, copy)
        target = Path(scratch) / "target"
        run_dbt(["docs", "generate", "--static"], copy, raw, BuildProgress(quiet=True),
                target_path=target)
        page = target / "static_index.html"
        if not page.is_file():
            raise BuildFailed(f"dbt docs generate wrote no {page.name}")
        staged = out_dir / f".{DOCS_FILE}.tmp"
        shutil.copyfile(page, staged)
        os.replace(staged, out_dir / DOCS_FILE)
    return out_dir / DOCS_FILE
