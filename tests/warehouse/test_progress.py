"""What a build prints while it runs: a line per stage without a terminal, a line per node
with --verbose, a live display in a terminal, and errors and warnings in every mode.

The reporter is fed synthetic dbt events (no dbt run), the shapes dbt's callbacks deliver;
the live display draws on a fake terminal (a rich Console over a StringIO). One test runs a
real build of the fixture through the command line and counts its lines.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from io import StringIO
from types import SimpleNamespace

import pytest
from rich.console import Console

from tests.conftest import FIXTURE_RAW, REPO_ROOT_FOR_TESTS
from warehouse.progress import MAX_PROBLEM_LINES, BuildProgress, stage_of
from warehouse.summary import format_summary

ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")

#: (unique_id, resource_type, original_file_path): what `plan_build` hands over.
PLAN = [
    ("seed.p.month_names", "seed", "dbt_project/seeds/month_names.csv"),
    ("model.p.stg_movies", "model", "dbt_project/models/staging/movies/stg_movies.sql"),
    ("test.p.not_null_stg_movies_id", "test", "dbt_project/models/staging/movies/stg_movies.yml"),
    ("model.p.movies", "model", "dbt_project/models/marts/core/movies.sql"),
    ("test.p.unique_movies_id", "test", "dbt_project/models/marts/core/movies.yml"),
    ("model.p.similar_movies", "model", "dbt_project/models/similarity/similar_movies.py"),
    ("test.p.assert_all_accounted", "test", "dbt_project/tests/assert_all_accounted.sql"),
]
ROWS = {"stg_movies": 45_466, "movies": 45_346, "similar_movies": 906_920}
STAGES = ["seeds", "staging", "marts", "similarity", "tests"]


def event(name: str, level: str = "debug", msg: str = "", **data) -> SimpleNamespace:
    """An event as dbt hands it to a callback: `info` (name, level, the message) and
    `data` (the event's own fields; a log message's text is in both)."""
    return SimpleNamespace(
        info=SimpleNamespace(name=name, level=level, msg=msg),
        data=SimpleNamespace(msg=msg, **data),
    )


def node_info(unique_id: str) -> SimpleNamespace:
    resource_type, _, name = unique_id.split(".")
    return SimpleNamespace(
        unique_id=unique_id, node_name=name, resource_type=resource_type, node_path=f"{name}.sql"
    )


def run_dbt_events(progress: BuildProgress, results: dict | None = None) -> None:
    """Every planned node starts and finishes, with `results` (unique_id -> (status,
    message)) for the nodes that do not succeed; then dbt's end of command."""
    results = results or {}
    for unique_id, resource_type, _ in PLAN:
        info = node_info(unique_id)
        progress(event("NodeStart", node_info=info))
        if info.node_name in ROWS:
            msg = f"row_count {info.node_name} {ROWS[info.node_name]}"
            progress(event("JinjaLogDebug", msg=msg))
        default = "pass" if resource_type == "test" else "success"
        status, message = results.get(unique_id, (default, None))
        result = SimpleNamespace(status=status, message=message, execution_time=0.5)
        progress(event("NodeFinished", node_info=info, run_result=result))
    progress(event("CommandCompleted"))


def a_build(progress: BuildProgress, results: dict | None = None) -> None:
    """The stages a build goes through, dbt's nodes in the middle."""
    with progress.stage("raw files") as step:
        step.detail = "10 files, each as its contract declares"
    progress.plan(PLAN)
    run_dbt_events(progress, results)
    with progress.stage("publish gate") as step:
        step.detail = "74 checks passed"


def plain(**options) -> tuple[BuildProgress, StringIO]:
    """A reporter writing to a pipe-like stream (not a terminal)."""
    out = StringIO()
    return BuildProgress(out=out, **options), out


def fake_terminal(**environ) -> Console:
    return Console(file=StringIO(), force_terminal=True, width=100, _environ=environ or None)


PROBLEMS = {
    "test.p.unique_movies_id": ("fail", "Got 2 results, configured to fail if != 0"),
    "test.p.not_null_stg_movies_id": ("warn", "Got 1 result, configured to warn if != 0"),
}


def test_without_a_terminal_there_is_one_line_per_stage():
    progress, out = plain()
    assert progress.mode == "stages"
    a_build(progress)
    lines = out.getvalue().splitlines()
    names = [line.split("]")[1].split()[0] for line in lines]
    assert names == ["raw", *STAGES, "publish"]
    assert len(lines) == len(STAGES) + 2
    staging = next(line for line in lines if "] staging" in line)
    assert "2 nodes, 45,466 rows" in staging
    assert "906,920 rows" in next(line for line in lines if "] similarity" in line)
    # no node by name: that is --verbose
    assert "stg_movies" not in out.getvalue() and "similar_movies" not in out.getvalue()


def test_verbose_prints_one_line_per_node():
    progress, out = plain(verbose=True)
    a_build(progress)
    lines = out.getvalue().splitlines()
    node_lines = [line for line in lines if " SUCCESS " in line or " PASS " in line]
    assert len(node_lines) == len(PLAN)
    for unique_id, _, _ in PLAN:
        name = unique_id.split(".")[2]
        assert sum(f" {name} " in line for line in node_lines) == 1
    assert "[  4/7] model movies" in out.getvalue()
    assert "45,346 rows" in next(line for line in node_lines if " movies " in line)
    # and the stage lines as without a terminal
    assert len(lines) == len(PLAN) + len(STAGES) + 2


def test_without_a_plan_all_nodes_make_one_stage_of_dbts_own_count():
    progress, out = plain()
    progress(event("LogStartLine", total=len(PLAN)))
    run_dbt_events(progress)
    lines = out.getvalue().splitlines()
    assert len(lines) == 1 and "] dbt " in lines[0]
    assert f"{len(PLAN)} nodes, {sum(ROWS.values()):,} rows" in lines[0]


def test_quiet_prints_nothing_when_all_goes_well():
    progress, out = plain(quiet=True)
    a_build(progress)
    assert out.getvalue() == ""


def render(console: Console) -> str:
    return ANSI.sub("", console.file.getvalue())


@pytest.mark.parametrize("mode", ["quiet", "verbose", "stages", "live"])
def test_errors_and_warnings_are_printed_in_every_mode(mode):
    if mode == "live":
        console = fake_terminal()
        progress = BuildProgress(console=console)
    else:
        progress, out = plain(quiet=mode == "quiet", verbose=mode == "verbose")
    assert progress.mode == mode
    with progress.showing():
        progress.plan(PLAN)
        progress(event("DeprecatedModel", "warn", "\x1b[33mModel movies is deprecated\x1b[0m"))
        run_dbt_events(progress, PROBLEMS)
    text = render(console) if mode == "live" else out.getvalue()
    assert "error: test unique_movies_id: Got 2 results, configured to fail if != 0" in text
    assert "warning: test not_null_stg_movies_id: Got 1 result, configured to warn" in text
    assert "warning: dbt: Model movies is deprecated" in text
    assert progress.failures == ["test unique_movies_id: Got 2 results, configured to fail if != 0"]
    assert len(progress.warnings) == 1


def test_a_flood_of_errors_is_cut_short_and_counted():
    progress, out = plain(quiet=True)
    for i in range(MAX_PROBLEM_LINES + 5):
        info = node_info(f"model.p.m{i}")
        result = SimpleNamespace(
            status="error", message=f"Runtime Error in model m{i}\nboom {i}", execution_time=0.1
        )
        progress(event("NodeFinished", node_info=info, run_result=result))
    lines = out.getvalue().splitlines()
    assert len(lines) == MAX_PROBLEM_LINES + 1
    assert lines[0] == "error: model m0: boom 0"
    assert "see the build log" in lines[-1]
    assert len(progress.failures) == MAX_PROBLEM_LINES + 5  # all of them reach the cause


def test_the_live_display_draws_stages_nodes_rows_and_elapsed():
    console = fake_terminal()
    progress = BuildProgress(console=console)
    assert progress.mode == "live"
    with progress.showing():
        with progress.stage("raw files") as step:
            step.detail = "10 files"
        progress.plan(PLAN)
        info = node_info("model.p.similar_movies")
        progress(event("NodeStart", node_info=info))
        # a frame mid-build: what runs now, the stage at 0 of 1, the totals so far
        frame = Console(file=StringIO(), force_terminal=True, width=100)
        frame.print(progress)
        middle = render(frame)
        assert "running: similar_movies" in middle
        assert "0/7 nodes · 0 rows" in middle and "elapsed" in middle
        assert re.search(r"similarity +━* *0/1 nodes", middle)
        progress(event("NodeFinished", node_info=info, run_result=SimpleNamespace(
            status="success", message=None, execution_time=1.0)))  # fmt: skip
        with progress.stage("publish gate") as step:
            step.detail = "74 checks passed"
    final = render(console)
    last_frame = final[final.rindex("raw files") :]
    shown = [name for name in ("raw files", *STAGES, "publish gate") if name in last_frame]
    assert len(shown) == len(STAGES) + 2
    assert sorted(shown, key=last_frame.index) == shown  # the steps in order, dbt's by folder
    assert "✔ raw files" in final and "10 files" in final
    assert re.search(r"✔ similarity +━+ +1 nodes", final)
    assert re.search(r"· seeds +━* +0/1 nodes", final)  # planned, not run
    assert "1/7 nodes" in final
    assert "running:" not in final.split("1/7 nodes")[-1]  # the last frame has no running line
    assert "\x1b[?25h" in console.file.getvalue()  # the cursor is shown again


@pytest.mark.parametrize("width", [80, 110])
def test_a_long_detail_is_cut_short_never_the_names_or_the_times(width):
    progress = BuildProgress(console=fake_terminal())
    a_build(progress)
    with progress.stage("search index") as step:
        step.detail = "45,346 films, 61,657 people, 23,688 companies, 1,695 collections; " * 2
    frame = Console(file=StringIO(), force_terminal=True, width=width)
    frame.print(progress)
    rows = [line for line in render(frame).splitlines() if line.startswith("✔")]
    assert len(rows) == len(STAGES) + 3
    for row, name in zip(rows, ["raw files", *STAGES, "publish gate", "search index"], strict=True):
        assert row.startswith(f"✔ {name} ") and re.search(r" \d+\.\ds$", row), row
        assert len(row) <= width
    assert "…" in rows[-1]


def test_ctrl_c_stops_the_live_display_and_gives_the_cursor_back():
    console = fake_terminal()
    progress = BuildProgress(console=console)
    with pytest.raises(KeyboardInterrupt), progress.showing():
        with progress.stage("raw files"):
            pass
        with progress.stage("pages"):
            raise KeyboardInterrupt
    written = console.file.getvalue()
    assert written.rstrip().endswith("\x1b[?25h")  # cursor shown, nothing drawn after
    assert "✗ pages" in render(console)
    assert progress._live is None


def test_a_dumb_terminal_gets_lines_and_no_color_still_gets_the_display():
    assert BuildProgress(console=fake_terminal(TERM="dumb")).mode == "stages"
    assert BuildProgress(console=fake_terminal(TERM="xterm", NO_COLOR="1")).mode == "live"
    assert BuildProgress(console=fake_terminal(TERM="xterm"), verbose=True).mode == "verbose"


@pytest.mark.parametrize(
    ("resource_type", "path", "stage"),
    [
        ("seed", "dbt_project/seeds/month_names.csv", "seeds"),
        ("model", "dbt_project/models/staging/movies/base/base_movies.sql", "staging"),
        ("test", "dbt_project/models/api/actor_success.yml", "api"),
        ("unit_test", "dbt_project/models/marts/core/movies.yml", "marts"),
        ("test", "dbt_project/tests/assert_every_raw_record_accounted_for.sql", "tests"),
        ("model", "dbt_project/models/top_level.sql", "models"),
    ],
)
def test_a_node_belongs_to_the_folder_it_lives_in(resource_type, path, stage):
    assert stage_of(resource_type, path) == stage


def test_the_summary_is_short_and_keeps_the_figures():
    progress, _ = plain(quiet=True)
    a_build(progress)
    tables = {f"table_{i}": 1000 * i for i in range(26)} | {"movies": 45_346}
    summary = {
        "sources": [("movies", "movies_dataset.csv", 45_466, 45_346, 120)],
        "reasons": [("movies", "duplicate_id", 30)],
        "tables": tables,
        "checks": [("mart_rows", "pass")] * 74,
    }
    text = format_summary(summary, progress, 183.2)
    lines = text.splitlines()
    assert len(lines) <= 16 and max(map(len, lines)) <= 100
    assert "Built in 183.2 s: 7 dbt nodes, 0 warnings; publish gate: 74 checks passed" in text
    assert re.search(r"movies +45,346", text)
    assert "45,466 read from 1 files, 45,346 kept, 120 quarantined" in text
    assert "Unexplained rows: 0" in text


def test_a_fixture_build_without_a_terminal_prints_at_most_40_lines(tmp_path):
    live = tmp_path / "wh" / "warehouse.duckdb"
    command = ["build", "--raw", str(FIXTURE_RAW), "--warehouse", str(live)]
    done = subprocess.run(
        [sys.executable, "-m", "warehouse", *command],
        cwd=REPO_ROOT_FOR_TESTS,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,  # as `… 2>&1 | tee` sees it
        text=True,
        timeout=900,
        env={**os.environ, "TERM": "xterm-256color"},
    )
    assert done.returncode == 0, done.stdout
    lines = done.stdout.splitlines()
    assert len(lines) <= 40, done.stdout
    stages = [line.split("]")[1].split()[0] for line in lines if re.match(r"\[ *\d+\.\ds\]", line)]
    for stage in (
        "raw",
        "dbt",
        "seeds",
        "staging",
        "marts",
        "api",
        "similarity",
        "publish",
        "swap",
    ):
        assert stage in stages, done.stdout
    # every stage reached its planned total: dbt ran what `dbt ls` said it would
    assert not re.search(r"\d+/\d+ nodes", done.stdout), done.stdout
    assert "Unexplained rows: 0" in done.stdout and "Live: " in done.stdout
    log = next((live.parent / "logs").glob("build-*.log")).read_text()
    assert "Rejected rows by reason" in log and "node time by phase" in log
