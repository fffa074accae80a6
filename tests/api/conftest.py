"""Fixtures for the API tests.

`api_build` is a real build of the hand-written raw fixtures (tests/fixtures/raw) made
with dbt, in the live layout the warehouse CLI uses (`<dir>/builds/<name>.duckdb` and the
symlink `<dir>/warehouse.duckdb` pointing at it). Between the core models and the api models a
few rows are added to the marts (`AUGMENT_SQL`) so the fixture also holds what the raw files
do not: two people sharing a name key, two films sharing a title, an accented director, a
title with a slash, streaming titles linked to a film and streaming titles sharing a title.

Full-data tests use `full_warehouse` from tests/conftest.py: the build named by env
`FULL_WAREHOUSE_PATH` (it must include the api views), else one built from the real raw files
once per session; they are skipped when the raw files are absent.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest
from litestar import Litestar
from litestar.testing import TestClient

from api.app import create_app
from api.db import Warehouse
from warehouse.document_store import write_document_store
from warehouse.search_index import write_search_index

REPO = Path(__file__).resolve().parents[2]
RAW_FIXTURES = REPO / "tests" / "fixtures" / "raw"
# The models this API reads: every model of dbt_project/models/api (its folder is the api
# schema), so a new view there is built here without a list to keep.
API_VIEWS = sorted(path.stem for path in (REPO / "dbt_project" / "models" / "api").rglob("*.sql"))
# person_film_returns: the one mart between the augmented marts and the api relations (the
# actor and director aggregates read it), so it is built after the augmentation too.
API_MODELS = ["person_film_returns", *API_VIEWS]
# movie_lists feeds the similarity models too, so it is built before the augmentation and
# again after it: every film the fixture adds has its page (api.movie_details).
REBUILT_AFTER_AUGMENT = ["movie_lists"]

# Rows the raw fixtures lack, added to the marts before the api models are built.
AUGMENT_SQL = """
insert into main.people by name
select * from (values
    (900001, 'TOM  Hanks', 2, null),
    (900002, 'John Lasseter', 2, null),
    (900004, 'Pedro Almodóvar', 2, null)
) as t(person_id, name, gender, profile_path);

insert into main.movies by name
select
    900003 as movie_id, 'Heat' as title, 'es' as original_language, null as overview,
    null as tagline, null as status, date '1986-03-14' as release_date, 1986 as release_year,
    1000000 as budget, 3000000 as revenue, 101 as runtime, 0.5 as popularity,
    6.0 as vote_average, 12 as vote_count, 3.0 as "return", null as collection_id;

insert into main.movies by name
select
    900005 as movie_id, 'Face/Off' as title, 'en' as original_language, null as overview,
    null as tagline, null as status, date '1997-06-27' as release_date, 1997 as release_year,
    80000000 as budget, 245676146 as revenue, 138 as runtime, 11.4 as popularity,
    6.8 as vote_average, 1612 as vote_count, 3.07 as "return", null as collection_id;

insert into main.movie_cast by name
select 8844 as movie_id, 999 as cast_position, 900001 as person_id, 99 as cast_order,
    'Extra' as "character", 'fixture-credit-1' as credit_id, 999 as cast_id;

insert into main.directors by name
select * from (values (12, 900002, 99), (900003, 900004, 1))
    as t(movie_id, person_id, crew_position);

-- The directors above as crew too (the marts' directors are crew with job Director); a
-- producer of two films released the same day (Heat and Sabrina, 1995-12-15) and a later one
-- (GET /people breaks the tie by movie_id); a person credited in no film of the catalogue.
insert into main.movie_crew by name
select * from (values
    (12, 99, 900002, 'Director', 'Directing', 'fixture-credit-2'),
    (900003, 1, 900004, 'Director', 'Directing', 'fixture-credit-3'),
    (11860, 98, 900007, 'Producer', 'Production', 'fixture-credit-4'),
    (949, 98, 900007, 'Producer', 'Production', 'fixture-credit-5'),
    (31357, 98, 900007, 'Producer', 'Production', 'fixture-credit-6')
) as t(movie_id, crew_position, person_id, job, department, credit_id);

insert into main.people by name
select * from (values
    (900006, 'Nobody Credited', 0, null), (900007, 'Same Day Producer', 1, null)
) as t(person_id, name, gender, profile_path);

-- Streaming titles (after the similarity models: they have no suggestions): Toy Story on
-- Disney+ and on Amazon without a score, both linked to film 862; a second "The Grand
-- Seduction" with a lower score and a second "Zoombies" with the same score as the fixture's
-- (the name answers with the higher score, then the smaller title_id).
insert into main.streaming_titles by name
select * from (values
    ('ds1378', 'disney', 's1378', 'movie', 'toy story', 'john lasseter', 'tom hanks, tim allen',
     'united states', date '2019-11-12', 1995, 'g', 83, 'min', 'animation, family',
     'meet woody and buzz.', 3.392638036809816),
    ('as9001', 'amazon', 's9001', 'movie', 'toy  story', null, null, null, null, 1995, 'g',
     81, 'min', null, null, null),
    ('ns9002', 'netflix', 's9002', 'movie', 'the grand seduction', null, null, 'canada', null,
     2013, 'pg-13', 113, 'min', 'comedies', null, 2.0)
) as t(title_id, platform, show_id, type, title, director, "cast", country, date_added,
       release_year, rating, duration_int, duration_type, listed_in, description, score);

insert into main.streaming_titles by name
select
    'hs9003' as title_id, 'hulu' as platform, 's9003' as show_id, type, title,
    release_year, rating, duration_int, duration_type, score
from main.streaming_titles
where title_id = 'as17';

insert into main.streaming_title_movies by name
select * from (values
    ('ds1378', 862, 0, 1, 'title_and_year'), ('as9001', 862, 0, 1, 'title_and_year')
) as t(title_id, movie_id, year_gap, candidate_count, match_quality);
"""


# What the build's registry step writes after dbt (warehouse/registry.py, which needs MLflow):
# the model versions GET /models reads. dbt alone leaves the table empty.
REGISTRY_SQL = """
insert into audit.model_registry values
    ('20260101T000000Z', 'similar-items', '1', ['similar_movies', 'streaming_similar_titles'],
     'fixture-run', timestamptz '2026-01-01 00:00:00+00', '{"movies.title": 0.0}',
     '{"ratings_movielens_rows": 33, "ratings_feedback_rows": 0}'),
    ('20260101T000000Z', 'user-recommender', '1', ['user_recommendations'],
     'fixture-run', timestamptz '2026-01-01 00:00:00+00', '{"implicit_factor_count": 64}',
     '{"ratings_movielens_rows": 33, "ratings_feedback_rows": 0}')
"""


def _dbt(args: list[str], db_path: Path) -> None:
    env = {
        **os.environ,
        "RAW_DATA_DIR": str(RAW_FIXTURES),
        "DBT_DUCKDB_PATH": str(db_path),
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
        "DBT_TARGET_PATH": str(REPO / "build" / "dbt-target-tests-api"),
        "DBT_LOG_PATH": str(REPO / "build" / "dbt-logs-tests-api"),
    }
    dbt = Path(sys.executable).with_name("dbt")
    result = subprocess.run(
        [str(dbt), *args, "--profiles-dir", "dbt_project", "--quiet"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise RuntimeError(f"dbt {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")


def build_fixture_warehouse(db_path: Path) -> None:
    """The seeds and models the api models need, from the raw fixtures; the augmentation
    rows; then the api models."""
    upstream = [f"+{model}" for model in API_MODELS]
    _dbt(
        ["build", "--resource-type", "seed", "--resource-type", "model", "--select", *upstream,
         "--exclude", *API_MODELS],
        db_path,
    )  # fmt: skip
    with duckdb.connect(str(db_path)) as con:
        con.execute(AUGMENT_SQL)
    _dbt(["run", "--select", *REBUILT_AFTER_AUGMENT, *API_MODELS], db_path)
    with duckdb.connect(str(db_path)) as con:
        con.execute(REGISTRY_SQL)
    write_search_index(db_path)  # as the build does, beside the file
    write_document_store(db_path)


def point_live(directory: Path, build: Path) -> Path:
    """Point `<directory>/warehouse.duckdb` at `build` the way a rebuild does (os.replace)."""
    live = directory / "warehouse.duckdb"
    tmp = directory / ".warehouse.duckdb.tmp"
    if tmp.is_symlink() or tmp.exists():
        tmp.unlink()
    tmp.symlink_to(os.path.relpath(build, directory))
    os.replace(tmp, live)
    return live


@pytest.fixture(scope="session")
def api_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The built fixture warehouse file (read-only for tests: copy it to change it)."""
    directory = tmp_path_factory.mktemp("fixture-warehouse")
    (directory / "builds").mkdir()
    build = directory / "builds" / "20260101T000000Z.duckdb"
    build_fixture_warehouse(build)
    return build


@pytest.fixture(scope="session")
def live_path(api_build: Path) -> Path:
    return point_live(api_build.parent.parent, api_build)


@pytest.fixture(scope="session")
def make_live():
    """point_live(directory, build): repoint `<directory>/warehouse.duckdb` like a rebuild."""
    return point_live


@pytest.fixture(scope="session")
def api_db(api_build: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """A read-only connection to the api fixture build, for oracles computed from the marts."""
    con = duckdb.connect(str(api_build), read_only=True)
    yield con
    con.close()


@pytest.fixture(scope="session")
def warehouse(live_path: Path) -> Iterator[Warehouse]:
    with Warehouse(live_path) as opened:
        yield opened


@pytest.fixture(scope="session")
def app(warehouse: Warehouse) -> Litestar:
    return create_app(warehouse=warehouse)


@pytest.fixture(scope="session")
def client(app: Litestar) -> Iterator[TestClient[Litestar]]:
    with TestClient(app) as test_client:
        yield test_client


@pytest.fixture(scope="session")
def full_client(full_warehouse: Path) -> Iterator[TestClient[Litestar]]:
    """The app over the full build (tests/conftest.py: FULL_WAREHOUSE_PATH, else built once)."""
    with TestClient(create_app(str(full_warehouse))) as test_client:
        yield test_client
