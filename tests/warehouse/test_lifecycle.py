"""Nothing half-built: a failed build leaves the live warehouse byte-identical, a good one is
swapped in atomically with the previous kept, and rebuilding gives identical contents."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from tests.conftest import FIXTURE_RAW, REPO_ROOT_FOR_TESTS
from tests.conftest import build_quietly as build_everything
from warehouse.build import BuildFailed, build, build_lock
from warehouse.progress import BuildProgress
from warehouse.raw import RawDataError, RawInput, raw_file_registry, resolve_raw_input


def build_quietly(raw_dir: Path, live_path: Path) -> Path:
    """These tests are about the file lifecycle, not the models: skip the recommenders."""
    return build_everything(raw_dir, live_path, skip_recommenders=True)


def build_unchecked(raw_dir: Path, live_path: Path) -> Path:
    """Build without the raw contract's checks, so that a damaged file reaches dbt: the
    contract refuses these files first (tests/warehouse/test_faults_build.py); this proves
    that a failure inside dbt leaves the live build alone too (defence in depth)."""
    files = {name: raw_dir / names[0] for name, names in raw_file_registry().items()}
    raw = RawInput(directory=raw_dir, files=files)
    return build(raw, live_path, BuildProgress(quiet=True), skip_recommenders=True).build_file


MART_TABLES = [
    "movies",
    "collections",
    "genres",
    "movie_genres",
    "companies",
    "movie_companies",
    "countries",
    "movie_countries",
    "languages",
    "movie_spoken_languages",
    "keywords",
    "movie_keywords",
    "people",
    "movie_cast",
    "movie_crew",
    "directors",
    "ratings",
    "links",
]


def sha256(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def copy_raw(tmp_path: Path) -> Path:
    raw = tmp_path / "raw"
    shutil.copytree(FIXTURE_RAW, raw)
    return raw


@pytest.fixture
def live(tmp_path) -> Path:
    live_path = tmp_path / "wh" / "warehouse.duckdb"
    build_quietly(FIXTURE_RAW, live_path)
    return live_path


def state(live_path: Path) -> tuple[str, str, list[str]]:
    target = os.readlink(live_path)
    builds = sorted(p.name for p in (live_path.parent / "builds").iterdir())
    return target, sha256(live_path), builds


def test_live_path_is_a_symlink_to_a_timestamped_build(live):
    assert live.is_symlink()
    target = Path(os.path.realpath(live))
    assert target.parent == live.parent / "builds"
    assert target.name.startswith("warehouse-") and target.suffix == ".duckdb"


def test_failing_data_test_leaves_live_warehouse_byte_identical(live, tmp_path):
    raw = copy_raw(tmp_path)
    ratings = raw / "movies" / "ratings_small.csv"
    ratings.write_bytes(ratings.read_bytes().splitlines(keepends=True)[0])  # header only
    before = state(live)
    with pytest.raises(BuildFailed, match=r"rows_read|accounted"):
        build_unchecked(raw, live)
    assert state(live) == before


def test_corrupt_input_leaves_live_warehouse_byte_identical(live, tmp_path):
    raw = copy_raw(tmp_path)
    movies = raw / "movies" / "movies_dataset.csv"
    lines = movies.read_text(encoding="utf-8").splitlines(keepends=True)
    movies.write_text(
        lines[0].replace(",id,", ",identifier,") + "".join(lines[1:]), encoding="utf-8"
    )
    before = state(live)
    with pytest.raises(BuildFailed, match="unchanged"):
        build_unchecked(raw, live)
    assert state(live) == before


def test_successful_rebuild_swaps_and_keeps_the_previous_build(live):
    first = Path(os.path.realpath(live))
    second = build_quietly(FIXTURE_RAW, live)
    assert Path(os.path.realpath(live)) == second != first
    assert first.exists(), "the previous build is kept for rollback"
    third = build_quietly(FIXTURE_RAW, live)
    assert not first.exists(), "only the live build and the previous one are kept"
    assert second.exists() and third.exists()


def table_contents(path: Path) -> dict[str, str]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        digests = {}
        for table in MART_TABLES:
            rows = con.execute(f"select * from main.{table} order by all").fetchall()
            digests[table] = hashlib.sha256(repr(rows).encode()).hexdigest()
        rows = con.execute("select * from audit.rejected_rows order by all").fetchall()
        digests["rejected_rows"] = hashlib.sha256(repr(rows).encode()).hexdigest()
        return digests
    finally:
        con.close()


def test_rebuilding_gives_identical_table_contents(live):
    first = Path(os.path.realpath(live))
    second = build_quietly(FIXTURE_RAW, live)
    assert table_contents(first) == table_contents(second)


def test_a_second_concurrent_build_is_refused(live):
    with build_lock(live), pytest.raises(BuildFailed, match="Another build"):
        build_quietly(FIXTURE_RAW, live)


def test_missing_raw_file_is_named(tmp_path):
    raw = copy_raw(tmp_path)
    (raw / "movies" / "credits.csv").unlink()
    with pytest.raises(RawDataError, match=r"credits\.csv"):
        resolve_raw_input(raw)


def test_kaggle_file_name_is_accepted(tmp_path):
    raw = copy_raw(tmp_path)
    (raw / "movies" / "movies_dataset.csv").rename(raw / "movies" / "movies_metadata.csv")
    assert resolve_raw_input(raw).files["movies"].name == "movies_metadata.csv"


def run_cli(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    if args and args[0] == "build":
        args = (*args, "--skip-recommenders")
    return subprocess.run(
        [sys.executable, "-m", "warehouse", *args],
        capture_output=True,
        text=True,
        cwd=REPO_ROOT_FOR_TESTS,
        env={**os.environ, **(env or {})},
        timeout=300,
    )


def test_cli_missing_file_exits_2_with_one_line(tmp_path):
    raw = copy_raw(tmp_path)
    (raw / "movies" / "keywords.csv").unlink()
    result = run_cli("build", "--raw", str(raw), "--target", str(tmp_path / "w.duckdb"))
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0
    assert "keywords.csv" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "w.duckdb").exists()


def test_cli_unreadable_directory_exits_2(tmp_path):
    result = run_cli(
        "build", "--raw", str(tmp_path / "nope"), "--target", str(tmp_path / "w.duckdb")
    )
    assert result.returncode == 2
    assert "nope" in result.stderr and "Traceback" not in result.stderr


def test_cli_env_vars_choose_raw_dir_and_target(tmp_path):
    target = tmp_path / "env" / "warehouse.duckdb"
    result = run_cli(
        "build", "--quiet", env={"RAW_DATA_DIR": str(FIXTURE_RAW), "WAREHOUSE_PATH": str(target)}
    )
    assert result.returncode == 0, result.stderr
    assert target.is_symlink()
    assert "Unexplained rows: 0" in result.stdout
    assert "movies" in result.stdout and "29" in result.stdout


def test_cli_failed_build_exits_nonzero_with_explanation(live, tmp_path):
    raw = copy_raw(tmp_path)
    ratings = raw / "movies" / "ratings_small.csv"
    # one rating of many: passes the raw contract, builds, and is refused by the publish gate
    ratings.write_bytes(b"".join(ratings.read_bytes().splitlines(keepends=True)[:2]))
    before = state(live)
    result = run_cli("build", "--quiet", "--raw", str(raw), "--target", str(live))
    assert result.returncode == 1
    assert "unchanged" in result.stderr and "Traceback" not in result.stderr
    assert state(live) == before
