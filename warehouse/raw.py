"""Find the raw files a build reads, and fail with one clear line when one is missing.

The raw directory has the layout of the downloads (`movies/…`, `streaming/…`). Kaggle
calls the movies file `movies_metadata.csv`; the bootcamp renamed it `movies_dataset.csv`:
both are accepted.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
SHARED_RAW_DIR = REPO_ROOT.parent / "shared" / "data"
SAMPLE_RAW_DIR = REPO_ROOT / "data" / "sample"

# dbt var name -> accepted file names under the raw directory, first match wins.
RAW_FILES: dict[str, tuple[str, ...]] = {
    "raw_movies_file": ("movies/movies_dataset.csv", "movies/movies_metadata.csv"),
    "raw_credits_file": ("movies/credits.csv",),
    "raw_keywords_file": ("movies/keywords.csv",),
    "raw_links_file": ("movies/links.csv",),
    "raw_ratings_file": ("movies/ratings_small.csv",),
    "raw_amazon_file": ("streaming/amazon_prime_titles.csv",),
    "raw_disney_file": ("streaming/disney_plus_titles.csv",),
    "raw_hulu_file": ("streaming/hulu_titles.csv",),
    "raw_netflix_file": ("streaming/netflix_titles.csv",),
    "raw_title_scores_file": ("streaming/title_scores.csv",),
}


class RawDataError(Exception):
    """A raw file is missing or unreadable; the message names it and fits on one line."""


@dataclass(frozen=True)
class RawInput:
    directory: Path
    files: dict[str, Path]

    def dbt_vars(self) -> dict[str, str]:
        return {name: str(path) for name, path in self.files.items()}


def default_raw_dir() -> Path:
    """`RAW_DATA_DIR`, else `../shared/data` beside the repo, else the bundled sample."""
    if env := os.environ.get("RAW_DATA_DIR"):
        return Path(env)
    return SHARED_RAW_DIR if SHARED_RAW_DIR.is_dir() else SAMPLE_RAW_DIR


def resolve_raw_input(raw_dir: Path | str | None = None) -> RawInput:
    directory = Path(raw_dir) if raw_dir is not None else default_raw_dir()
    directory = directory.expanduser().resolve()
    if not directory.is_dir():
        raise RawDataError(f"raw data directory not found: {directory}")
    files: dict[str, Path] = {}
    for var, candidates in RAW_FILES.items():
        found = next((directory / c for c in candidates if (directory / c).exists()), None)
        if found is None:
            names = " or ".join(str(directory / c) for c in candidates)
            raise RawDataError(f"raw file missing: {names}")
        _check_readable(found)
        files[var] = found
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
