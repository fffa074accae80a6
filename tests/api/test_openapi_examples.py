"""Every documented 200 example is what the API answers on the full build.

Each route documents its 200 body with one example whose summary is the request that answers
it: `GET /directors/john lasseter (movies shortened)`, `GET /movies?title=toy story`,
`POST /recommendations?limit=1 [{...}, ...]` (the JSON body in full). The test sends that
request to the app over the full build and compares the real body with the example:

- strict where the data is deterministic (every build of the same raw files answers the same,
  and the recommenders' fits are seeded): every documented field must be in the answer with
  the documented value, and every list as long as documented;
- figures are documented rounded: a documented float must be the real value rounded to the
  decimals it shows (4.07 documents 4.072282...);
- a field the example leaves out must be null in the answer: Litestar drops null values when
  it renders an example (`"year": None` does not reach the document);
- an example whose summary ends in a parenthesised note (`(movies shortened)`) is abridged:
  its lists hold some of the real items, each present, in the real order;
- /health's paths, times, versions, cache figures and workers describe the running process,
  not the data: only their presence and type are checked (its row counts are data, checked exactly);
  likewise /models' build id, time, MLflow run and version numbers (its figures and
  parameters are data, checked);
- the feedback routes need a token: their GET example is asked of an app with a token and a
  fresh store, after posting the POST example's body (`received_at` and `in_live_build`
  describe when it ran and which build serves, so only their type is checked).

Routes answering text (metrics, the report and docs pages) document abridged text, not JSON,
and are left out.
"""

from __future__ import annotations

import json
import re
from decimal import Decimal
from typing import Any

import pytest
from litestar.testing import TestClient

from api.app import create_app
from api.feedback import examples as feedback_examples

pytestmark = pytest.mark.full_data

SUMMARY = re.compile(
    r"^(?P<method>GET|POST) (?P<url>/[^\[({]*?)"
    r"(?: (?P<body>[\[{].*[\]}]))?"
    r"(?: \((?P<note>[^)]*)\))?$"
)

#: Fields that describe the running process rather than the data: presence and type only.
VOLATILE = {
    "/health": {
        "warehouse_path",
        "warehouse_file",
        "attached_at",
        "build_started_at",
        "build_finished_at",
        "dbt_version",
        "duckdb_version",
        "switches",
        "cache",
        "workers",
        "worker_builds",
    },
    "/users/{user_id}/ratings": {"received_at", "in_live_build"},
    # The build's id and time, its MLflow run and the version numbers the registry gave it.
    "/models": {"build_id", "trained_at", "mlflow_run_id", "version"},
}
#: Routes asked with a bearer token, after posting the feedback example's ratings.
SECURED = {"/users/{user_id}/ratings"}
TOKEN = "example-token"


def documented_examples() -> list[Any]:
    """(method, url, body, abridged, example) of every JSON 200 example in the document."""
    document = create_app().openapi_schema.to_schema()
    cases = []
    for path, operations in sorted(document["paths"].items()):
        for method, operation in sorted(operations.items()):
            content = operation["responses"].get("200", {}).get("content", {})
            examples = content.get("application/json", {}).get("examples", {})
            for example in examples.values():
                match = SUMMARY.match(example["summary"])
                assert match, f"{method.upper()} {path}: unreadable summary {example['summary']!r}"
                assert match["method"] == method.upper(), example["summary"]
                body = json.loads(match["body"]) if match["body"] else None
                cases.append(
                    pytest.param(
                        path,
                        match["method"],
                        match["url"],
                        body,
                        match["note"] is not None,
                        example["value"],
                        id=example["summary"],
                    )
                )
    return cases


CASES = documented_examples()


def test_every_json_route_documents_an_example():
    document = create_app().openapi_schema.to_schema()
    json_routes = {
        (method, path)
        for path, operations in document["paths"].items()
        for method, operation in operations.items()
        if "application/json" in operation["responses"].get("200", {}).get("content", {})
    }
    assert len(CASES) == len(json_routes) >= 40


def _decimals(value: float) -> int:
    exponent = Decimal(repr(value)).as_tuple().exponent
    assert isinstance(exponent, int)
    return max(0, -exponent)


def assert_matches(documented: Any, real: Any, where: str, abridged: bool, volatile: set[str]):
    if isinstance(documented, dict):
        assert isinstance(real, dict), f"{where}: {real!r} is not an object"
        for key, value in documented.items():
            assert key in real, f"{where}.{key}: documented, not answered"
            if key in volatile:
                assert isinstance(real[key], type(value)), f"{where}.{key}: {real[key]!r}"
                continue
            assert_matches(value, real[key], f"{where}.{key}", abridged, volatile)
        for key in real.keys() - documented.keys():
            assert real[key] is None, f"{where}.{key}: answered {real[key]!r}, not documented"
    elif isinstance(documented, list):
        assert isinstance(real, list), f"{where}: {real!r} is not a list"
        if not abridged:
            assert len(real) == len(documented), f"{where}: {len(real)} items, not {documented}"
            for i, (doc_item, real_item) in enumerate(zip(documented, real, strict=True)):
                assert_matches(doc_item, real_item, f"{where}[{i}]", abridged, volatile)
            return
        start = 0
        for doc_item in documented:  # a subsequence: present, in the real order
            for i in range(start, len(real)):
                try:
                    assert_matches(doc_item, real[i], f"{where}[{i}]", abridged, set())
                except AssertionError:
                    continue
                start = i + 1
                break
            else:
                raise AssertionError(f"{where}: documented item {doc_item!r} not answered")
    elif isinstance(documented, float) and not isinstance(real, bool):
        assert isinstance(real, int | float), f"{where}: {real!r} is not a number"
        decimals = _decimals(documented)
        assert abs(real - documented) <= 0.5 * 10**-decimals + 1e-12, (
            f"{where}: answered {real!r}, documented {documented!r}"
        )
    else:
        assert real == documented, f"{where}: answered {real!r}, documented {documented!r}"
        assert type(real) is type(documented), f"{where}: {real!r} vs {documented!r}"


@pytest.fixture
def feedback_client(full_warehouse, tmp_path):
    app = create_app(
        str(full_warehouse), feedback_path=tmp_path / "feedback.sqlite", feedback_tokens=(TOKEN,)
    )
    with TestClient(app) as client:
        yield client


@pytest.mark.parametrize(("path", "method", "url", "body", "abridged", "example"), CASES)
def test_documented_example_is_the_real_answer(request, path, method, url, body, abridged, example):
    if path in SECURED:
        client = request.getfixturevalue("feedback_client")
        headers = {"Authorization": f"Bearer {TOKEN}"}
        posted = client.post(url, json=feedback_examples.RATINGS, headers=headers)
        assert posted.status_code == 202, posted.text
        response = client.request(method, url, json=body, headers=headers)
        assert response.status_code == 200, response.text
        assert_matches(example, response.json(), "body", abridged, VOLATILE[path])
        return
    response = request.getfixturevalue("full_client").request(method, url, json=body)
    assert response.status_code == 200, response.text
    assert_matches(example, response.json(), "body", abridged, VOLATILE.get(path, set()))
