"""dbt's documentation site of a build, as one HTML file: written by every build beside its
file (warehouse.build_pages), and by `python -m warehouse docs` for the live build again.

`dbt docs generate --static` writes `static_index.html`: the lineage site with the manifest and
the catalog inlined, so it opens from disk or from the API's `/warehouse-docs` with no network
and no JSON files beside it. A build reads its own new file (nothing else has it open yet);
`python -m warehouse docs` reads a copy of the live build: the build file may be open
read-only by the API, and DuckDB lets a file be open either by readers or by one writer
(dbt-duckdb opens its database read-write), so dbt never touches the live file.
DBT_SEND_ANONYMOUS_USAGE_STATS=false (set by run_dbt) keeps dbt from injecting its
usage-tracker script, the only network call the generated page would make.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from warehouse.build import BuildFailed, current_build_file, run_dbt
from warehouse.build_pages import page_file
from warehouse.progress import BuildProgress
from warehouse.raw import RawInput

DOCS_FILE = "index.html"


def docs_dir(live_path: Path) -> Path:
    """Where `--out` used to default to (`build/docs` beside the live path); the docs of a
    build now live beside its file (warehouse.build_pages), where the API looks."""
    return live_path.parent / "docs"


def write_docs_page(raw: RawInput, database: Path, page: Path) -> Path:
    """Run `dbt docs generate --static` against `database` (not open elsewhere: dbt-duckdb
    opens it read-write) and write the one-file site to `page` atomically."""
    page.parent.mkdir(parents=True, exist_ok=True)
    # A `.scratch-` directory beside the build: a killed build's is removed with its leftovers.
    with tempfile.TemporaryDirectory(prefix=".scratch-docs-", dir=database.parent) as scratch:
        target = Path(scratch) / "target"
        run_dbt(
            ["docs", "generate", "--static"],
            database,
            raw,
            BuildProgress(quiet=True),
            target_path=target,
        )
        generated = target / "static_index.html"
        if not generated.is_file():
            raise BuildFailed(f"dbt docs generate wrote no {generated.name}")
        staged = page.with_name(f".{page.name}.{os.getpid()}.tmp")
        shutil.copyfile(generated, staged)
        os.replace(staged, page)
    return page


def generate_docs(raw: RawInput, live_path: Path, out_dir: Path | None = None) -> Path:
    """Write the docs site of the build `live_path` names: beside that build file (its
    `.docs.html`, the page the API serves; a build writes it itself, this regenerates it), or
    to `<out_dir>/index.html`. dbt reads a copy: the API may hold the build open read-only."""
    build_file = current_build_file(live_path)
    if build_file is None or not build_file.is_file():
        raise BuildFailed(f"no warehouse at {live_path}; run `python -m warehouse build` first")
    page = out_dir / DOCS_FILE if out_dir else page_file(build_file, "docs")
    page.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".scratch-docs-", dir=page.parent) as scratch:
        # Same file name as the build, so the catalog names the database the way the API does.
        copy = Path(scratch) / build_file.name
        shutil.copyfile(build_file, copy)
        written = write_docs_page(raw, copy, Path(scratch) / DOCS_FILE)
        os.replace(written, page)
    return page
