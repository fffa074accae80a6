"""Find the raw files a build reads, and fail with one clear line when one is missing.

Which files those are is not listed here: the raw-file registry is the var `raw_files` of
`dbt_project.yml`, which the dbt sources and the audit models read too. This module reads the
same block, finds each file under the raw directory (the registry's name, else one of its
`also` names: Kaggle calls the movies file `movies_metadata.csv`, the bootcamp renamed it
`movies_dataset.csv`), checks it can be read, and hands dbt the resolved paths as `raw_paths`.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from warehouse.settings import REPO_ROOT, SAMPLE_RAW_DIR, SHARED_RAW_DIR, get_settings

__all__ = [
    "REPO_ROOT",
    "SAMPLE_RAW_DIR",
    "SHARED_RAW_DIR",
    "RawDataError",
    "RawInput",
    "default_raw_dir",
    "raw_file_registry",
    "resolve_raw_input",
]


class RawDataError(Exception):
    """A raw file is missing or unreadable; the message names it and fits on one line."""


@dataclass(frozen=True)
class RawInput:
    directory: Path
    #: audit source name (a key of the registry) -> the file found for it
    files: dict[str, Path]

    def dbt_vars(self) -> dict[str, dict[str, str]]:
        return {"raw_paths": {name: str(path) for name, path in self.files.items()}}


@cache
def raw_file_registry() -> dict[str, tuple[str, ...]]:
    """Audit source name -> accepted file names under the raw directory, first match wins."""
    project = yaml.safe_load((REPO_ROOT / "dbt_project.yml").read_text())
    return {
        name: (entry["file"], *entry.get("also", ()))
        for name, entry in project["vars"]["raw_files"].items()
    }


def default_raw_dir() -> Path:
    """The settings' raw directory: `RAW_DATA_DIR`, else `../shared/data` beside the repo,
    else the bundled sample."""
    return get_settings().resolved_raw_dir()


def resolve_raw_input(raw_dir: Path | str | None = None) -> RawInput:
    directory = Path(raw_dir) if raw_dir is not None else default_raw_dir()
    directory = directory.expanduser().resolve()
    if not directory.is_dir():
        raise RawDataError(f"raw data directory not found: {directory}")
    files: dict[str, Path] = {}
    for name, candidates in raw_file_registry().items():
        found = next((directory / c for c in candidates if (directory / c).exists()), None)
        if found is None:
            names = " or ".join(str(directory / c) for c in candidates)
            raise RawDataError(f"raw file missing: {names}")
        _check_readable(found)
        files[name] = found
    return RawInput(directory=directory, files=files)


def _check_readable(path: Path) -> None:
    if not path.is_file():
        raise RawDataError(f"raw file is not a regular file: {path}")
    if "'" in str(path):
        # The path is spliced into read_csv('…'); refuse rather than quote-escape it.
        raise RawDataError(f"raw file path contains a single quote, which is not supported: {path}")
    try:
        with open(path, "rb") as fh:
            head = fh.read(4096)
    except OSError as exc:
        raise RawDataError(f"raw file unreadable: {path} ({exc.strerror})") from None
    if not head.strip():
        raise RawDataError(f"raw file is empty: {path}")
