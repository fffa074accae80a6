"""Fault injection on the build: damaged raw files, kill -9, a full disk, two builds at once.

Each case is run through the command line as a user (or cron) would, on copies of the
hand-written fixture, and checks the promise the README makes of it: a damaged file is refused
with one line naming the file and the fault, or quarantined record by record; a build that
would lose data against the live one is refused (exit 1, live byte-identical) unless
`--accept-changes`; what a killed build leaves behind is removed by the next one. The same
cases on the full data (and the slow ones) are in bench/faults.py.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pytest

from tests.conftest import FIXTURE_RAW, REPO_ROOT_FOR_TESTS


def cli(*args: str, wait: bool = True, env: dict | None = None):
    command = [sys.executable, "-m", "warehouse", *args]
    if args[0] == "build":
        command += ["--quiet", "--skip-recommenders"]
    if not wait:
        return subprocess.Popen(
            command,
            cwd=REPO_ROOT_FOR_TESTS,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env={**os.environ, **(env or {})},
        )
    return subprocess.run(
        command,
        cwd=REPO_ROOT_FOR_TESTS,
        capture_output=True,
        text=True,
        timeout=600,
        env={**os.environ, **(env or {})},
    )


def digest(live: Path) -> tuple[str, str]:
    return os.readlink(live), hashlib.sha256(live.read_bytes()).hexdigest()


def copy_raw(tmp_path: Path) -> Path:
    raw = tmp_path / "raw"
    shutil.copytree(FIXTURE_RAW, raw)
    return raw


def one_line(stderr: str) -> str:
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert len(lines) == 1, stderr
    assert "Traceback" not in stderr
    return lines[0]


@pytest.fixture(scope="module")
def live_template(tmp_path_factory) -> Path:
    """One fixture build; each test that needs a live warehouse gets a copy of it."""
    live = tmp_path_factory.mktemp("template") / "wh" / "warehouse.duckdb"
    result = cli("build", "--raw", str(FIXTURE_RAW), "--warehouse", str(live))
    assert result.returncode == 0, result.stderr
    return live


@pytest.fixture
def live(live_template, tmp_path) -> Path:
    shutil.copytree(live_template.parent, tmp_path / "wh", symlinks=True)
    return tmp_path / "wh" / "warehouse.duckdb"


# -- the raw contract: refused before anything is built ------------------------------------------


def drop_column(path: Path, column: str) -> None:
    import csv

    with open(path, newline="") as fh:
        rows = list(csv.reader(fh))
    index = rows[0].index(column)
    with open(path, "w", newline="") as fh:
        csv.writer(fh).writerows([row[:index] + row[index + 1 :] for row in rows])


def test_a_file_without_a_declared_column_is_refused(live, tmp_path):
    raw = copy_raw(tmp_path)
    drop_column(raw / "streaming" / "netflix_titles.csv", "rating")
    before = digest(live)
    result = cli("build", "--raw", str(raw), "--warehouse", str(live))
    assert result.returncode == 2
    line = one_line(result.stderr)
    assert "netflix_titles.csv" in line and "lacks declared column(s) rating" in line
    assert digest(live) == before


def test_a_file_with_an_unexpected_column_is_refused(tmp_path):
    raw = copy_raw(tmp_path)
    scores = raw / "streaming" / "title_scores.csv"
    lines = scores.read_text().splitlines()
    scores.write_text("\n".join([lines[0] + ",extra", *(f"{x},1" for x in lines[1:])]) + "\n")
    result = cli("build", "--raw", str(raw), "--warehouse", str(tmp_path / "w" / "w.duckdb"))
    assert result.returncode == 2
    assert "unexpected column(s) extra" in one_line(result.stderr)


def test_a_file_that_is_not_utf8_is_named_with_its_line(tmp_path):
    raw = copy_raw(tmp_path)
    keywords = raw / "movies" / "keywords.csv"
    lines = keywords.read_bytes().split(b"\n")
    lines[3] = lines[3].replace(b"'name': '", b"'name': 'Caf\xe9 ", 1)
    keywords.write_bytes(b"\n".join(lines))
    result = cli("build", "--raw", str(raw), "--warehouse", str(tmp_path / "w" / "w.duckdb"))
    assert result.returncode == 2
    line = one_line(result.stderr)
    assert "not UTF-8 encoded" in line and "keywords.csv" in line and "line 4" in line


def test_a_file_with_a_header_and_no_records_is_named(tmp_path):
    raw = copy_raw(tmp_path)
    credits = raw / "movies" / "credits.csv"
    credits.write_text(credits.read_text().splitlines()[0] + "\n")
    result = cli("build", "--raw", str(raw), "--warehouse", str(tmp_path / "w" / "w.duckdb"))
    assert result.returncode == 2
    assert "credits.csv" in one_line(result.stderr) and "no records" in result.stderr


# -- the publish gate ----------------------------------------------------------------------------


def truncate_mid_record(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def test_a_truncated_file_is_refused_unless_changes_are_accepted(live, tmp_path):
    raw = copy_raw(tmp_path)
    truncate_mid_record(raw / "movies" / "movies_dataset.csv")
    before = digest(live)
    result = cli("build", "--raw", str(raw), "--warehouse", str(live))
    assert result.returncode == 1
    line = one_line(result.stderr)
    assert "Refused to publish" in line and "movies read" in line and "--accept-changes" in line
    assert "unchanged" in line and "Full log:" in line
    assert Path(line.rsplit("Full log: ", 1)[1]).is_file()
    assert digest(live) == before
    assert sorted(p.name for p in (live.parent / "builds").glob("*.duckdb")) == [
        Path(before[0]).name
    ]

    accepted = cli("build", "--raw", str(raw), "--warehouse", str(live), "--accept-changes")
    assert accepted.returncode == 0, accepted.stderr
    with duckdb.connect(str(live), read_only=True) as con:
        assert (
            con.execute("select bool_and(changes_accepted) from audit.build_summary").fetchone()[0]
            is True
        )
        verdicts = dict(
            con.execute(
                "select verdict, count(*) from audit.publish_checks group by verdict"
            ).fetchall()
        )
    assert verdicts.get("accepted", 0) > 0 and "refuse" not in verdicts


def test_a_rise_in_quarantined_rows_is_refused(live, tmp_path):
    raw = copy_raw(tmp_path)
    ratings = raw / "movies" / "ratings_small.csv"
    lines = ratings.read_text().splitlines()
    # every fifth rating gets a rating of 7: read as many rows, but 20 % quarantined
    damaged = [
        lines[0],
        *(
            (",".join([*line.split(",")[:2], "7", line.split(",")[3]]) if i % 5 == 0 else line)
            for i, line in enumerate(lines[1:])
        ),
    ]
    ratings.write_text("\n".join(damaged) + "\n")
    before = digest(live)
    result = cli("build", "--raw", str(raw), "--warehouse", str(live))
    assert result.returncode == 1
    assert "ratings:" in result.stderr and "quarantined" in result.stderr
    assert digest(live) == before


def test_a_good_rebuild_passes_the_gate_records_every_check_and_its_end(live):
    started = datetime.now(UTC)
    result = cli("build", "--raw", str(FIXTURE_RAW), "--warehouse", str(live))
    ended = datetime.now(UTC)
    assert result.returncode == 0, result.stderr
    with duckdb.connect(str(live), read_only=True) as con:
        checks = con.execute(
            "select check_name, count(*), bool_and(verdict = 'pass') from audit.publish_checks "
            "group by check_name order by check_name"
        ).fetchall()
        finished = con.execute("select max(build_finished_at) from audit.build_summary").fetchone()[
            0
        ]
        served = con.execute("select build_finished_at from api.build_info").fetchone()[0]
    assert [(name, passed) for name, _, passed in checks] == [
        ("mart_rows", True),
        ("quarantine_share", True),
        ("raw_contract", True),
        ("source_rows", True),
    ]
    # the 10 raw files of the registry and the feedback snapshot (empty here: no store)
    assert dict((name, n) for name, n, _ in checks)["source_rows"] == 11
    # the end is when the gate passed, after every test: not the audit model's early clock
    # (which stood at about a quarter of the build's time)
    assert finished == served
    assert (finished - started) / (ended - started) > 0.85


# -- quarantine, don't refuse ------------------------------------------------------------------


def test_an_oversized_record_and_an_off_grid_rating_are_quarantined(live_template, tmp_path):
    raw = copy_raw(tmp_path)
    credits = raw / "movies" / "credits.csv"
    lines = credits.read_text().splitlines(keepends=True)
    header, first, rest = lines[0], lines[1], lines[2:]
    huge = "x" * (10 * 2**20)
    first_id = first.rstrip("\r\n").rsplit(",", 1)[1]
    credits.write_text(header + f"\"[]\",\"[{{'name': '{huge}'}}]\",{first_id}\n" + "".join(rest))
    ratings = raw / "movies" / "ratings_small.csv"
    r_lines = ratings.read_text().splitlines()
    user, movie, _, stamp = r_lines[1].split(",")
    r_lines[1] = f"{user},{movie},4.75,{stamp}"
    ratings.write_text("\n".join(r_lines) + "\n")
    live = tmp_path / "w" / "warehouse.duckdb"
    result = cli("build", "--raw", str(raw), "--warehouse", str(live))
    assert result.returncode == 0, result.stderr
    with duckdb.connect(str(live), read_only=True) as con:
        rejected = con.execute(
            "select source, record_number, reason, strlen(raw_record::varchar) "
            "from audit.rejected_rows where reason in ('oversized_record', 'invalid_rating')"
        ).fetchall()
        assert ("credits", 1, "oversized_record") in [r[:3] for r in rejected]
        assert ("ratings", 1, "invalid_rating") in [r[:3] for r in rejected]
        assert max(r[3] for r in rejected) < 70_000  # the 10 MiB record is cut to 64 KiB
        assert con.execute("select count(*) from ratings where rating = 4.8").fetchone()[0] == 0
        kept = dict(con.execute("select source, rows_kept from audit.build_summary").fetchall())
    with duckdb.connect(str(live_template), read_only=True) as con:
        clean = dict(con.execute("select source, rows_kept from audit.build_summary").fetchall())
    # every other record still builds: one credits record and one rating fewer, nothing else
    assert kept == {**clean, "credits": clean["credits"] - 1, "ratings": clean["ratings"] - 1}


# -- kill -9, a full disk, two builds ------------------------------------------------------------


def wait_for(predicate, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


def kill_build(live: Path, moment: str) -> None:
    """Start a build of `live` and kill -9 it when dbt has started or its file is written."""
    builds = live.parent / "builds"
    existing = {p.name for p in builds.iterdir()}
    process = cli("build", "--raw", str(FIXTURE_RAW), "--warehouse", str(live), wait=False)
    if moment == "dbt_started":
        wait_for(lambda: any(p.name not in existing for p in builds.glob(".scratch-*")))
    else:
        wait_for(
            lambda: any(
                p.stat().st_size > 5 * 2**20
                for p in builds.glob("*.duckdb")
                if p.name not in existing
            )
        )
    process.send_signal(signal.SIGKILL)
    process.wait()


def test_builds_killed_outright_leave_live_intact_and_are_cleaned_up(live):
    builds = live.parent / "builds"
    before = digest(live)
    kill_build(live, "dbt_started")
    kill_build(live, "file_written")
    assert digest(live) == before
    leftovers = {p.name for p in builds.iterdir()} - {
        Path(before[0]).name,
        f"{Path(before[0]).name}.sha256",
    }
    assert any(name.startswith(".scratch-") for name in leftovers)
    assert any(name.endswith(".duckdb") for name in leftovers)
    result = cli("build", "--raw", str(FIXTURE_RAW), "--warehouse", str(live))
    assert result.returncode == 0, result.stderr
    kept = {Path(before[0]).name, Path(os.readlink(live)).name}
    # what is left: the two builds and the files that go with each (checksum, docs, report)
    assert {p.name for p in builds.glob("*.duckdb")} == kept
    assert all(any(p.name.startswith(Path(k).stem) for k in kept) for p in builds.iterdir())
    assert not [p for p in live.parent.iterdir() if p.name.endswith(".tmp")]


def test_two_builds_at_once_the_second_is_refused(live):
    first = cli("build", "--raw", str(FIXTURE_RAW), "--warehouse", str(live), wait=False)
    wait_for(lambda: any((live.parent / "builds").glob(".scratch-*")))
    second = cli("build", "--raw", str(FIXTURE_RAW), "--warehouse", str(live))
    assert second.returncode == 1
    assert "Another build" in one_line(second.stderr)
    assert first.wait(timeout=600) == 0


@pytest.fixture
def small_disk(tmp_path):
    mount = tmp_path / "disk"
    mount.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=12m", "tmpfs", str(mount)],
        capture_output=True,
        check=False,
    )
    if done.returncode != 0:
        pytest.skip("mounting a small tmpfs needs root")
    yield mount
    subprocess.run(["umount", "-l", str(mount)], check=False)


def test_a_full_disk_is_named_and_leaves_nothing_behind(small_disk):
    live = small_disk / "warehouse.duckdb"
    result = cli("build", "--raw", str(FIXTURE_RAW), "--warehouse", str(live))
    assert result.returncode == 1
    line = one_line(result.stderr)
    assert "disk full" in line and str(small_disk) in line
    assert not live.exists()
    assert not list((small_disk / "builds").glob("*.duckdb*"))  # no file, WAL or checksum
    assert not list((small_disk / "builds").glob(".scratch-*"))
