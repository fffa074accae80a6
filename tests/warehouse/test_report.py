"""`python -m warehouse report`: the static EDA report.

Generated on the fixture build (and on copies of it doctored to hold anomalies, or emptied),
then checked three ways: the page has every section and figure; the numbers in the takeaways
equal numbers computed here straight from the marts with pandas (not through the report
views); and headless Chromium loads every image. The full-data variant does the same on the
real build.
"""

from __future__ import annotations

import hashlib
import html
import re
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from tests.conftest import REPO_ROOT_FOR_TESTS
from warehouse.report import default_report_dir, generate_report
from warehouse.report.takeaways import TIMES, money

SECTIONS = [
    "releases",
    "money",
    "runtime",
    "votes",
    "genres",
    "countries-languages",
    "correlations",
    "data-quality",
    "streaming",
]
FIGURES = [
    "releases-year",
    "releases-month",
    "releases-weekday",
    "budget",
    "revenue",
    "return",
    "runtime",
    "votes",
    "genres",
    "countries",
    "languages",
    "correlations",
    "rejected",
    "nulls",
    "streaming-types",
    "streaming-ratings",
    "streaming-durations",
    "streaming-year-added",
]
TABLES = [
    "anomalies-return-over-1000",
    "anomalies-budget-under-100",
    "anomalies-revenue-under-100",
    "votes-by-count",
    "correlation-pairs",
    "source-files",
    "duplicates",
]

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def takeaways(page: str) -> dict[str, str]:
    """Figure id (without `fig-`) -> its takeaway sentence, unescaped."""
    found = re.findall(
        r'<figure id="fig-([\w-]+)">.*?<p class="takeaway">(.*?)</p>', page, re.DOTALL
    )
    return {key: html.unescape(text) for key, text in found}


def table_rows(page: str, key: str) -> list[list[str]]:
    block = re.search(rf'<div class="table" id="table-{key}">(.*?)</table>', page, re.DOTALL)
    assert block, f"table {key} missing"
    rows = re.findall(r"<tr>(.*?)</tr>", block.group(1).split("<tbody>", 1)[1], re.DOTALL)
    return [
        [html.unescape(cell) for cell in re.findall(r"<td[^>]*>(.*?)</td>", row)] for row in rows
    ]


def movies_frame(build: Path):
    with duckdb.connect(str(build), read_only=True) as con:
        return con.execute("select * from main.movies").df()


@pytest.fixture(scope="module")
def fixture_report(fixture_warehouse: Path, tmp_path_factory) -> str:
    before = digest(fixture_warehouse)
    result = generate_report(fixture_warehouse, tmp_path_factory.mktemp("report"))
    assert digest(fixture_warehouse) == before, "the report must not touch the build"
    assert result.path.name == "index.html"
    assert (result.sections, result.figures, result.tables) == (
        len(SECTIONS),
        len(FIGURES),
        len(TABLES),
    )
    return result.path.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def doctored_build(fixture_warehouse: Path, tmp_path_factory) -> Path:
    """A copy of the fixture build whose marts hold the anomalies the report hunts: one film
    with its budget written in millions (7 for $7M, so a return of millions), one with a
    revenue of $42. The report views read the marts, so they see the change."""
    copy = tmp_path_factory.mktemp("doctored") / "warehouse.duckdb"
    shutil.copyfile(fixture_warehouse, copy)
    with duckdb.connect(str(copy)) as con:
        con.execute("""
            update main.movies set budget = 7, "return" = revenue / 7
            where movie_id = (select min(movie_id) from main.movies where revenue > 7000)
        """)
        con.execute("""
            update main.movies set revenue = 42, "return" = 42 / budget
            where movie_id = (select max(movie_id) from main.movies where budget > 1000)
        """)
    return copy


@pytest.fixture(scope="module")
def empty_build(fixture_warehouse: Path, tmp_path_factory) -> Path:
    """A copy of the fixture build with no films, no streaming titles, nothing rejected."""
    copy = tmp_path_factory.mktemp("empty") / "warehouse.duckdb"
    shutil.copyfile(fixture_warehouse, copy)
    with duckdb.connect(str(copy)) as con:
        for table in (
            "main.movies",
            "main.movie_genres",
            "main.movie_countries",
            "main.streaming_titles",
            "audit.rejected_rows",
            "audit.repaired_rows",
        ):
            con.execute(f"delete from {table}")
    return copy


# -- structure -----------------------------------------------------------------------------


def test_report_has_every_section_figure_and_table(fixture_report: str):
    assert fixture_report.lstrip().lower().startswith("<!doctype html")
    for section in SECTIONS:
        assert f'<section id="{section}">' in fixture_report
        assert f'href="#{section}"' in fixture_report  # in the table of contents
    found = takeaways(fixture_report)
    assert list(found) == FIGURES
    assert all(sentence.strip().endswith(".") for sentence in found.values())
    for table in TABLES:
        assert f'id="table-{table}"' in fixture_report


def test_report_is_self_contained(fixture_report: str):
    sources = re.findall(r'<img[^>]+src="([^"]*)"', fixture_report)
    assert len(sources) == len(FIGURES)
    assert all(src.startswith("data:image/png;base64,") for src in sources)
    assert "<script" not in fixture_report.lower()
    assert not re.search(r'(src|href)="(https?:)?//', fixture_report)
    assert "Content-Security-Policy" in fixture_report


def test_report_names_its_build_and_when_it_was_made(
    fixture_report: str, fixture_warehouse: Path, fixture_db
):
    stamp = re.search(r'<p class="stamp" id="build">(.*?)</p>', fixture_report, re.DOTALL)
    assert stamp and fixture_warehouse.name in stamp.group(1)
    started = fixture_db.execute(
        "select strftime(min(build_started_at) at time zone 'UTC', '%Y-%m-%d %H:%M:%S') "
        "from audit.build_summary"
    ).fetchone()[0]
    assert f"built {started} UTC" in stamp.group(1)
    assert re.search(
        r'id="generated">Report generated \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC', fixture_report
    )


# -- takeaways against independent queries ---------------------------------------------------


def test_takeaway_numbers_match_the_marts(fixture_report: str, fixture_warehouse: Path, fixture_db):
    found = takeaways(fixture_report)
    movies = movies_frame(fixture_warehouse)

    per_year = movies.groupby("release_year").size()
    peak_films = int(per_year.max())
    peak_year = int(per_year[per_year == peak_films].index.min())
    assert f"Releases peak in {peak_year} with {peak_films:,} film" in found["releases-year"]

    budgets = movies.loc[movies.budget > 0, "budget"]
    assert f"{len(budgets):,} of {len(movies):,} films" in found["budget"]
    assert f"the median known budget is {money(budgets.median())}" in found["budget"]

    per_day = movies.groupby(movies.release_date.dt.day_of_week).size()  # Monday = 0
    top_day = int(per_day[per_day == per_day.max()].index.min())
    day_name = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"][
        top_day
    ]
    assert (
        f"{day_name} is the most common release day ({per_day.max():,} film"
        in found["releases-weekday"]
    )

    rejected = fixture_db.execute("select count(*) from audit.rejected_rows").fetchone()[0]
    read = fixture_db.execute("select sum(rows_read) from audit.build_summary").fetchone()[0]
    assert found["rejected"].startswith(f"{rejected:,} raw records (")
    assert f"of the {read:,} read" in found["rejected"]

    titles = fixture_db.execute("select platform from main.streaming_titles").df()
    sizes = titles.groupby("platform").size()
    largest = max(sizes[sizes == sizes.max()].index)  # ties: the last name
    assert found["streaming-types"].startswith(
        f"The largest catalogue is {largest}'s ({sizes.max():,} titles"
    )


def test_anomalies_are_counted_and_listed(doctored_build: Path, tmp_path):
    page = generate_report(doctored_build, tmp_path).path.read_text(encoding="utf-8")
    movies = movies_frame(doctored_build)
    tiny_budgets = movies[movies.budget.between(1, 100)]
    tiny_revenues = movies[movies.revenue.between(1, 100)]
    huge_returns = movies[movies["return"] > 1000]
    assert len(tiny_budgets) == len(tiny_revenues) == len(huge_returns) == 1
    found = takeaways(page)
    assert "and 1 budget of $1 to $100 sits far to the left" in found["budget"]
    assert "and 1 revenue of $1 to $100 sits" in found["revenue"]
    assert (
        f"1 film returns more than 1,000{TIMES}, 1 of them with a budget of $100 or less"
        in found["return"]
    )
    film = huge_returns.iloc[0]
    assert table_rows(page, "anomalies-return-over-1000") == [
        [
            film["title"],
            str(film["release_year"]),
            "$7",
            f"${film['revenue']:,}",
            f"{film['revenue'] / 7:,.0f}{TIMES}",
        ]
    ]
    assert [row[0] for row in table_rows(page, "anomalies-budget-under-100")] == [film["title"]]
    assert [row[0] for row in table_rows(page, "anomalies-revenue-under-100")] == [
        tiny_revenues.iloc[0]["title"]
    ]


def test_an_empty_build_still_gives_a_complete_report(empty_build: Path, tmp_path):
    result = generate_report(empty_build, tmp_path)
    page = result.path.read_text(encoding="utf-8")
    found = takeaways(page)
    assert list(found) == FIGURES
    assert found["releases-year"] == "No film in this build has a release year."
    assert found["streaming-types"] == "This build has no streaming titles."
    assert "none in this build" in page  # empty tables say so


def test_fixture_report_renders_in_chromium(fixture_report: str, tmp_path):
    page = tmp_path / "index.html"
    page.write_text(fixture_report, encoding="utf-8")
    assert_renders(page, len(FIGURES))


def test_empty_report_renders_in_chromium(empty_build: Path, tmp_path):
    assert_renders(generate_report(empty_build, tmp_path).path, len(FIGURES))


# -- CLI -------------------------------------------------------------------------------------


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "warehouse", "report", *args],
        cwd=REPO_ROOT_FOR_TESTS,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_cli_prints_a_line_per_section_and_the_path(fixture_warehouse: Path, tmp_path):
    done = run_cli("--warehouse", str(fixture_warehouse), "--out", str(tmp_path / "out"))
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert len(lines) == 1 + len(SECTIONS) + 1
    assert lines[-1].startswith(f"Wrote {tmp_path / 'out' / 'index.html'} (")
    assert (tmp_path / "out" / "index.html").is_file()


def test_cli_refuses_a_missing_warehouse_in_one_line(tmp_path):
    done = run_cli("--warehouse", str(tmp_path / "none.duckdb"))
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.count("\n") == 1 and "python -m warehouse build" in done.stderr
    assert not (tmp_path / "report").exists()


def test_cli_refuses_a_warehouse_without_report_views(tmp_path):
    old = tmp_path / "old.duckdb"
    duckdb.connect(str(old)).close()
    done = run_cli("--warehouse", str(old))
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and "no report views" in done.stderr


def test_default_location_is_beside_the_live_path(tmp_path):
    assert default_report_dir(tmp_path / "warehouse.duckdb") == tmp_path / "report"


# -- full data -------------------------------------------------------------------------------


@pytest.mark.full_data
def test_full_report_lists_the_anomalies_and_renders(full_warehouse: Path, tmp_path):
    result = generate_report(full_warehouse, tmp_path)
    page = result.path.read_text(encoding="utf-8")
    found = takeaways(page)
    assert list(found) == FIGURES
    movies = movies_frame(full_warehouse)
    tiny_budgets = int(movies.budget.between(1, 100).sum())
    huge_returns = movies[movies["return"] > 1000].sort_values("return", ascending=False)
    assert f"and {tiny_budgets:,} budgets of $1 to $100" in found["budget"]
    assert f"{len(huge_returns):,} films return more than 1,000{TIMES}" in found["return"]
    listed = table_rows(page, "anomalies-return-over-1000")
    assert [row[0] for row in listed] == list(huge_returns.title)
    assert len(table_rows(page, "anomalies-budget-under-100")) == tiny_budgets
    january = movies[movies.release_date.dt.month == 1]
    assert (
        f"{len(january):,} films" in found["releases-month"]
        and f"{int((january.release_date.dt.day == 1).sum()):,} of them" in found["releases-month"]
    )
    assert_renders(result.path, len(FIGURES))


# -- headless Chromium ----------------------------------------------------------------------


def assert_renders(page: Path, images: int) -> None:
    """Open `page` in headless Chromium: every <img> decoded (complete, naturalWidth > 0),
    every inline <svg> with a non-empty box, and nothing the browser logged as an error
    (a request blocked by the page's Content-Security-Policy would be)."""
    if not (CHROMIUM and CHROMEDRIVER):
        pytest.skip(
            "headless Chromium is not installed (apt-get install chromium "
            "chromium-driver); CI installs it"
        )
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--window-size=1280,1024",
    ):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    try:
        driver.set_page_load_timeout(60)
        driver.get(page.resolve().as_uri())
        state = driver.execute_script("""
            return {
              ready: document.readyState,
              images: Array.from(document.images).map(img => ({
                figure: img.closest('figure') ? img.closest('figure').id : null,
                complete: img.complete, width: img.naturalWidth, height: img.naturalHeight})),
              svgs: Array.from(document.querySelectorAll('svg')).map(svg => {
                const box = svg.getBoundingClientRect();
                return {width: box.width, height: box.height};
              }),
            };
        """)
        errors = [entry for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]
    finally:
        driver.quit()
    assert state["ready"] == "complete"
    assert len(state["images"]) == images
    broken = [
        img
        for img in state["images"]
        if not (img["complete"] and img["width"] > 0 and img["height"] > 0)
    ]
    assert not broken, broken
    assert all(svg["width"] > 0 and svg["height"] > 0 for svg in state["svgs"])
    assert not errors, errors
