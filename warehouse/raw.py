"""Find the raw files a build reads and check them against their contract, failing with one
clear line (which file, what is wrong) before anything is built.

Which files those are is not listed here: the raw-file registry is the var `raw_files` of
`dbt_project.yml`, which the dbt sources and the audit models read too. This module reads the
same block, finds each file under the raw directory (the registry's name, else one of its
`also` names: Kaggle calls the movies file `movies_metadata.csv`, the bootcamp renamed it
`movies_dataset.csv`), checks it (readable, UTF-8, a header with exactly the declared
`columns`, at least one record), and hands dbt the resolved paths as `raw_paths`.

Why here and not in dbt: a file without a declared column still reads (every column is text
and the models would see NULLs, e.g. every Netflix title rated `g`), and a file that is not
UTF-8 stops DuckDB deep inside a model with an error that names the model, not the file.
"""

from __future__ import annotations

import codecs
import csv
import io
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
    "locate_raw_files",
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


#: Bytes read at a time while checking that a file is UTF-8.
CHUNK = 8 * 2**20


@cache
def _registry() -> dict[str, dict]:
    return yaml.safe_load((REPO_ROOT / "dbt_project.yml").read_text())["vars"]["raw_files"]


def raw_file_registry() -> dict[str, tuple[str, ...]]:
    """Audit source name -> accepted file names under the raw directory, first match wins."""
    return {name: (entry["file"], *entry.get("also", ())) for name, entry in _registry().items()}


def raw_file_columns() -> dict[str, tuple[str, ...]]:
    """Audit source name -> the columns its file's header must have (the raw contract)."""
    return {name: tuple(entry["columns"]) for name, entry in _registry().items()}


def default_raw_dir() -> Path:
    """The settings' raw directory: `RAW_DATA_DIR`, else `../shared/data` beside the repo,
    else the bundled sample."""
    return get_settings().resolved_raw_dir()


def locate_raw_files(directory: Path) -> dict[str, Path | None]:
    """Audit source name -> the file a build of `directory` reads (the registry's first name
    that exists), None when there is none; nothing is opened (`watch` calls this often)."""
    return {
        name: next((directory / c for c in candidates if (directory / c).exists()), None)
        for name, candidates in raw_file_registry().items()
    }


def resolve_raw_input(raw_dir: Path | str | None = None) -> RawInput:
    directory = Path(raw_dir) if raw_dir is not None else default_raw_dir()
    directory = directory.expanduser().resolve()
    if not directory.is_dir():
        raise RawDataError(f"raw data directory not found: {directory}")
    files: dict[str, Path] = {}
    for name, found in locate_raw_files(directory).items():
        if found is None:
            candidates = raw_file_registry()[name]
            names = " or ".join(str(directory / c) for c in candidates)
            raise RawDataError(f"raw file missing: {names}")
        _check_readable(found)
        _check_contract(found, raw_file_columns()[name])
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


def _check_contract(path: Path, declared: tuple[str, ...]) -> None:
    """UTF-8 throughout, a header with exactly the declared columns, at least one record."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    head = ""
    offset = 0
    with open(path, "rb") as fh:
        while chunk := fh.read(CHUNK):
            try:
                text = decoder.decode(chunk)
            except UnicodeDecodeError as exc:
                position = offset + exc.start
                fh.seek(0)
                line = fh.read(position).count(b"\n") + 1
                raise RawDataError(
                    f"raw file is not UTF-8 encoded: {path} (line {line}, byte {position:,}: "
                    f"{chunk[exc.start : exc.start + 4]!r}); re-export it as UTF-8"
                ) from None
            if len(head) < 2**20:
                head += text[: 2**20]
            offset += len(chunk)
    header_line, _, rest = head.lstrip("\ufeff").partition("\n")
    header = next(csv.reader(io.StringIO(header_line.rstrip("\r"))), [])
    missing = [column for column in declared if column not in header]
    unexpected = [column for column in header if column not in declared]
    if missing or unexpected:
        parts = []
        if missing:
            parts.append(f"lacks declared column(s) {', '.join(missing)}")
        if unexpected:
            parts.append(f"has unexpected column(s) {', '.join(unexpected)}")
        raise RawDataError(
            f"raw file does not match its contract: {path} {' and '.join(parts)} (declared in "
            "dbt_project.yml vars raw_files)"
        )
    if not rest.strip():
        raise RawDataError(f"raw file has a header but no records: {path}")
