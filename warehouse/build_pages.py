"""The pages every build carries: its dbt docs site and its EDA report, written by the build.

`warehouse.build.build` calls `write_build_pages` once `dbt build` has passed and before the
publish gate, so a build is published with its pages or not at all (a failure to write them
fails the build like any other step). They live beside the build file and go with it (pruned,
rolled back, or removed as a killed build's leftovers):

    build/builds/warehouse-<stamp>.duckdb        the build
    build/builds/warehouse-<stamp>.docs.html     its dbt docs (the API's /warehouse-docs)
    build/builds/warehouse-<stamp>.report.html   its EDA report (the API's /report)

The API serves the pages of the build it serves (`page_file` of that build's file), so after
any rebuild by any path, or a rollback of the symlink, both routes describe the live build.
This module imports only the standard library at import time: the API imports `page_file`.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from warehouse.progress import BuildProgress
    from warehouse.raw import RawInput

#: kind -> suffix that replaces `.duckdb` in the build file's name
PAGES = {"docs": ".docs.html", "report": ".report.html"}


def page_file(build_file: Path | str, kind: str) -> Path:
    """The page `kind` ("docs" or "report") of `build_file` (`…/warehouse-<stamp>.duckdb`)."""
    build_file = Path(build_file)
    return build_file.with_name(build_file.stem + PAGES[kind])


def page_files(build_file: Path | str) -> list[Path]:
    """Every page of `build_file`, whether written yet or not."""
    return [page_file(build_file, kind) for kind in PAGES]


def remove_orphan_pages(directory: Path) -> list[Path]:
    """Delete pages whose build file is gone (a build killed after writing them); return them."""
    removed = []
    for suffix in PAGES.values():
        for page in directory.glob(f"*{suffix}"):
            if not page.with_name(page.name.removesuffix(suffix) + ".duckdb").exists():
                page.unlink(missing_ok=True)
                removed.append(page)
    return removed


def write_build_pages(
    build_file: Path, raw: RawInput, progress: BuildProgress | None = None
) -> list[Path]:
    """Write the docs page and the EDA report of `build_file` (a finished, not yet published
    build) beside it. Raises BuildFailed naming the page that could not be written."""
    from warehouse.build import BuildFailed
    from warehouse.docs import write_docs_page
    from warehouse.report import generate_report

    started = time.perf_counter()
    written = []
    for kind, what in (("docs", "dbt docs page"), ("report", "EDA report")):
        page = page_file(build_file, kind)
        try:
            if kind == "docs":
                write_docs_page(raw, build_file, page)
            else:
                generate_report(build_file, page=page)
        except BuildFailed as exc:
            raise BuildFailed(f"the build's {what} could not be written: {exc}") from exc
        except Exception as exc:  # any failure of a page fails the build, in one paragraph
            reason = f"{type(exc).__name__}: {exc}".rstrip(".")
            raise BuildFailed(f"the build's {what} could not be written ({reason})") from exc
        written.append(page)
    if progress is not None:
        progress.note(
            f"Pages of the build: {', '.join(p.name for p in written)} "
            f"({time.perf_counter() - started:.1f} s)"
        )
    return written
