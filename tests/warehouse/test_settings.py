"""The one settings object and the one command line: same defaults and option names everywhere.

The defaults are absolute (the repository's build/ and data/), so no command depends on the
directory it is started from; environment values are taken as written; the older option and
module names (`--target`, `python -m api`) stay aliases of the unified ones.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO_ROOT_FOR_TESTS
from warehouse.__main__ import parser
from warehouse.raw import raw_file_registry
from warehouse.settings import (
    DEFAULT_WAREHOUSE_PATH,
    REPO_ROOT,
    SAMPLE_RAW_DIR,
    SHARED_RAW_DIR,
    Settings,
    SettingsError,
)


def test_defaults_are_absolute_and_under_the_repository():
    settings = Settings.from_env({})
    assert settings.warehouse_path == DEFAULT_WAREHOUSE_PATH == REPO_ROOT / "build/warehouse.duckdb"
    assert settings.warehouse_path.is_absolute()
    expected_raw = SHARED_RAW_DIR if SHARED_RAW_DIR.is_dir() else SAMPLE_RAW_DIR
    assert settings.raw_dir is None and settings.resolved_raw_dir() == expected_raw


def test_environment_values_are_read_once_as_written():
    settings = Settings.from_env({
        "WAREHOUSE_PATH": "elsewhere/w.duckdb", "RAW_DATA_DIR": "/data/raw",
        "API_CACHE_SIZE": "0", "API_RESPONSE_CACHE_SIZE": "12", "API_WORKER_THREADS": "3",
        "API_POLL_INTERVAL": "2.5", "DUCKDB_THREADS": "2", "DUCKDB_MEMORY_LIMIT": "1GB",
    })  # fmt: skip
    assert settings.warehouse_path == Path("elsewhere/w.duckdb")
    assert settings.resolved_raw_dir() == Path("/data/raw")
    assert settings.cache_size == 0
    assert (settings.response_cache_size, settings.worker_threads) == (12, 3)
    assert settings.poll_interval == 2.5
    assert (settings.duckdb_threads, settings.duckdb_memory_limit) == (2, "1GB")


@pytest.mark.parametrize("name", ["API_CACHE_SIZE", "API_POLL_INTERVAL", "DUCKDB_THREADS"])
def test_a_malformed_number_names_its_variable(name):
    with pytest.raises(SettingsError, match=name):
        Settings.from_env({name: "many"})


def test_command_line_overrides_only_what_it_gives():
    base = Settings.from_env({"WAREHOUSE_PATH": "/a/w.duckdb", "API_CACHE_SIZE": "5"})
    changed = base.with_overrides(warehouse_path="/b/w.duckdb", raw_dir=None, cache_size=None)
    assert changed.warehouse_path == Path("/b/w.duckdb")
    assert changed.cache_size == 5 and changed.raw_dir is None


@pytest.mark.parametrize("command", ["build", "serve", "docs", "report", "evaluate"])
def test_every_command_takes_warehouse_and_the_old_target_alias(command):
    extra = ["users"] if command == "evaluate" else []
    new = parser().parse_args([command, *extra, "--warehouse", "/x/w.duckdb"])
    old = parser().parse_args([command, *extra, "--target", "/x/w.duckdb"])
    assert new.warehouse == old.warehouse == "/x/w.duckdb"


@pytest.mark.parametrize("command", ["build", "docs"])
def test_commands_that_read_raw_files_take_raw(command):
    assert parser().parse_args([command, "--raw", "/r"]).raw == "/r"


def test_raw_file_registry_is_the_dbt_project_vars():
    registry = raw_file_registry()
    assert set(registry) == {
        "movies", "credits", "keywords", "links", "ratings",
        "amazon", "disney", "hulu", "netflix", "title_scores",
    }  # fmt: skip
    assert registry["movies"] == ("movies/movies_dataset.csv", "movies/movies_metadata.csv")
    raw_files = [p for names in registry.values() for p in names]
    # No other module or dbt file lists the raw files again. The sample cutter is the one
    # exception by nature: it holds per-file cutting rules (which column is the id).
    places = [
        *REPO_ROOT.glob("warehouse/**/*.py"),
        *REPO_ROOT.glob("dbt_project/**/*.sql"),
        *REPO_ROOT.glob("dbt_project/models/**/*.yml"),
    ]
    for path in [p for p in places if p.name != "sample.py"]:
        text = path.read_text()
        assert not [name for name in raw_files if name in text], path


def run(*argv: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", *argv],
        capture_output=True,
        text=True,
        cwd=REPO_ROOT_FOR_TESTS,
        env={**os.environ, **(env or {})},
        timeout=60,
    )


@pytest.mark.parametrize("module", [["warehouse", "serve"], ["api"]])
def test_serving_a_missing_warehouse_is_one_line_exit_2(module, tmp_path):
    result = run(*module, "--warehouse", str(tmp_path / "none.duckdb"))
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0 and "none.duckdb" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_malformed_setting_is_one_line_exit_2(tmp_path):
    result = run("warehouse", "serve", env={"API_CACHE_SIZE": "lots"})
    assert result.returncode == 2
    assert "API_CACHE_SIZE" in result.stderr and "Traceback" not in result.stderr
