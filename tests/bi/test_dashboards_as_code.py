"""bi/dashboards/ (Superset's export, committed) is complete and importable on any machine.

Checked without Superset, so `make test` catches a broken re-export before `make test-bi`
would: every chart has the query_context test-bi runs, the layout names every chart by uuid
(or an import duplicates them), every reference resolves, the database is read-only and
sandboxed behind a path token, datasets use bare schemas (the catalog-qualified names
duckdb-engine lists carry the build file's name, which changes with every build), and every
dataset's relation exists in a fresh build.
"""

from __future__ import annotations

import json

import pytest
import yaml

from bi.settings import DASHBOARDS_DIR, WAREHOUSE_TOKEN
from bi.templating import render_import_dir, warehouse_uri


def load(kind: str) -> list[dict]:
    return [
        yaml.safe_load(path.read_text()) for path in sorted((DASHBOARDS_DIR / kind).rglob("*.yaml"))
    ]


CHARTS, DATASETS = load("charts"), load("datasets")
DATABASES, DASHBOARDS = load("databases"), load("dashboards")


def test_one_dashboard_of_at_least_eight_charts_over_one_database():
    assert len(DASHBOARDS) == 1 and len(DATABASES) == 1
    assert len(CHARTS) >= 8
    assert len({chart["uuid"] for chart in CHARTS}) == len(CHARTS)


@pytest.mark.parametrize("chart", CHARTS, ids=[chart["slice_name"] for chart in CHARTS])
def test_every_chart_has_a_query_context(chart):
    query_context = json.loads(chart["query_context"])
    assert query_context["queries"]
    assert query_context["form_data"]["viz_type"] == chart["viz_type"]


def test_layout_names_every_chart_by_uuid_and_name():
    nodes = [
        node
        for node in DASHBOARDS[0]["position"].values()
        if isinstance(node, dict) and node.get("type") == "CHART"
    ]
    by_uuid = {chart["uuid"]: chart["slice_name"] for chart in CHARTS}
    assert {node["meta"]["uuid"]: node["meta"]["sliceName"] for node in nodes} == by_uuid


def test_references_resolve():
    dataset_uuids = {dataset["uuid"] for dataset in DATASETS}
    assert {chart["dataset_uuid"] for chart in CHARTS} <= dataset_uuids
    assert {dataset["database_uuid"] for dataset in DATASETS} == {DATABASES[0]["uuid"]}


def test_database_is_read_only_sandboxed_and_machine_independent():
    database = DATABASES[0]
    assert database["sqlalchemy_uri"] == f"duckdb:///{WAREHOUSE_TOKEN}"
    connect_args = database["extra"]["engine_params"]["connect_args"]
    assert connect_args["read_only"] is True
    assert connect_args["config"]["enable_external_access"] is False
    assert not database["allow_dml"] and not database["allow_file_upload"]


def test_datasets_exist_in_a_build_under_bare_schemas(fixture_db):
    relations = set(
        fixture_db.execute(
            "select table_schema, table_name from information_schema.tables"
        ).fetchall()
    )
    for dataset in DATASETS:
        assert dataset["schema"] in ("api", "main"), dataset["table_name"]
        assert dataset["catalog"] is None
        assert (dataset["schema"], dataset["table_name"]) in relations


def test_import_copy_gets_this_machines_path(tmp_path):
    warehouse = tmp_path / "some where" / "warehouse.duckdb"
    target = render_import_dir(target=tmp_path / "import", warehouse=warehouse)
    database = yaml.safe_load(next((target / "databases").glob("*.yaml")).read_text())
    assert database["sqlalchemy_uri"] == warehouse_uri(warehouse) == f"duckdb:///{warehouse}"
    assert database["extra"] == DATABASES[0]["extra"]
    copied = sorted(p.relative_to(target) for p in target.rglob("*.yaml"))
    assert copied == sorted(p.relative_to(DASHBOARDS_DIR) for p in DASHBOARDS_DIR.rglob("*.yaml"))
