"""The build's document store (warehouse/document_store.py, api/document_store.py): every
stored body is, byte for byte, the answer the route assembles from SQL without the store, on
the fixture build (every key) and the full build (a random sample of each kind); a build
without a store, or with a damaged one, answers the same from SQL; the store follows a swap.
"""

from __future__ import annotations

import json
import random
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from litestar.testing import TestClient

from api import document_store
from api.app import create_app
from api.db import Warehouse
from api.similar import service as similar
from api.users import service as users
from tests.api.conftest import point_live
from warehouse.document_store import KINDS, META_FILE, kind_files, store_dir

REPO = Path(__file__).resolve().parents[2]

#: kind -> the route answering it with its default parameters.
ROUTES = {
    "movie": "/movies/{}",
    "person": "/people/{}",
    "similar_films": "/movies/{}/similar",
    "user_recommendations": "/users/{}/recommendations",
}


def _copy_without_store(build: Path, directory: Path) -> Path:
    """A copy of `build` (same name) in `directory`/builds, without its document store."""
    (directory / "builds").mkdir(parents=True)
    copy = directory / "builds" / build.name
    shutil.copyfile(build, copy)
    return point_live(directory, copy)


def _keys(warehouse: Warehouse, kind: str) -> list[int]:
    relation, key = KINDS[kind]
    try:
        return [row[0] for row in warehouse.fetch_all(f"select {key} from {{db}}.{relation}")]
    except Exception:  # the build lacks the kind (no recommenders)
        return []


@pytest.fixture(scope="module")
def plain_client(api_build: Path, tmp_path_factory) -> Iterator[TestClient]:
    """The app over a copy of the fixture build without its store: answers from SQL."""
    live = _copy_without_store(api_build, tmp_path_factory.mktemp("no-store"))
    with Warehouse(live) as warehouse, TestClient(create_app(warehouse=warehouse)) as client:
        yield client


def test_the_store_holds_every_key_of_the_views(warehouse):
    store = document_store.open_store(warehouse, warehouse.current)
    for kind in ("movie", "person", "similar_films"):
        assert kind in store.kinds
        assert sorted(store.kinds[kind].keys.tolist()) == sorted(_keys(warehouse, kind))


def test_every_stored_body_is_the_answer_assembled_from_sql(client, plain_client, warehouse):
    """Every key of every kind: same status, same bytes, same tag."""
    compared = 0
    for kind, route in ROUTES.items():
        for key in _keys(warehouse, kind):
            stored = client.get(route.format(key))
            assembled = plain_client.get(route.format(key))
            assert stored.status_code == assembled.status_code == 200, (kind, key)
            assert stored.content == assembled.content, (kind, key)
            assert stored.headers["etag"] == assembled.headers["etag"]
            compared += 1
    assert compared > 100


def test_unknown_ids_still_answer_404_with_the_store(client):
    for url in ("/movies/99999999", "/people/99999999", "/movies/99999999/similar"):
        response = client.get(url)
        assert response.status_code == 404
        assert response.headers["content-type"].startswith("application/problem+json")


def test_other_parameters_are_answered_from_sql(client, plain_client):
    for url in ("/movies/862/similar?limit=3", "/movies/862/similar?genre=animation"):
        assert client.get(url).content == plain_client.get(url).content


def test_the_default_limits_are_the_builds():
    project = yaml.safe_load((REPO / "dbt_project.yml").read_text())
    assert project["vars"]["similar_default_limit"] == similar.DEFAULT_SUGGESTIONS
    assert project["vars"]["recommendations_default_limit"] == users.DEFAULT_RECOMMENDATIONS


@pytest.mark.parametrize("damage", ["truncated bodies", "count", "format", "unreadable meta"])
def test_a_damaged_store_is_not_used(api_build: Path, tmp_path: Path, damage: str, caplog):
    """A store that does not match its meta.json is left out (logged), and the routes answer
    from SQL: a damaged store costs speed, never a wrong answer."""
    live = _copy_without_store(api_build, tmp_path)
    target = Path(live).resolve()
    shutil.copytree(store_dir(api_build), store_dir(target))
    meta_file = store_dir(target) / META_FILE
    meta = json.loads(meta_file.read_text())
    if damage == "truncated bodies":
        bodies = kind_files(store_dir(target), "movie")[2]
        bodies.write_bytes(bodies.read_bytes()[:-10])
    elif damage == "count":
        meta["kinds"]["movie"]["count"] += 1
        meta_file.write_text(json.dumps(meta))
    elif damage == "format":
        meta["format"] = 999
        meta_file.write_text(json.dumps(meta))
    else:
        meta_file.write_text("{not json")
    with Warehouse(live) as warehouse, TestClient(create_app(warehouse=warehouse)) as client:
        store = document_store.open_store(warehouse, warehouse.current)
        assert "movie" not in store.kinds
        answer = client.get("/movies/862")
        assert answer.status_code == 200 and answer.json()["title"] == "Toy Story"
    assert "document store" in caplog.text


def test_the_store_follows_a_swap(api_build: Path, tmp_path: Path, make_live):
    """After a swap the answers come from the new build's store (its name is in the tag)."""
    builds = tmp_path / "builds"
    builds.mkdir()
    first = builds / "warehouse-20260101T000000000000Z.duckdb"
    second = builds / "warehouse-20260102T000000000000Z.duckdb"
    for build in (first, second):
        shutil.copyfile(api_build, build)
        shutil.copytree(store_dir(api_build), store_dir(build))
    live = make_live(tmp_path, first)
    with (
        Warehouse(live, poll_interval=3600) as warehouse,
        TestClient(create_app(warehouse=warehouse)) as client,
    ):
        before = client.get("/movies/862")
        assert first.stem in before.headers["etag"]
        make_live(tmp_path, second)
        assert warehouse.refresh()
        after = client.get("/movies/862")
        assert second.stem in after.headers["etag"]
        assert after.content == before.content


SAMPLE = 300


def test_full_data_stored_bodies_are_the_assembled_answers(full_warehouse, tmp_path):
    """A random sample of each kind on the full build (every user): the stored body and the
    answer assembled from SQL are the same bytes."""
    plain = _copy_without_store(Path(full_warehouse).resolve(), tmp_path)
    rng = random.Random(17)
    with (
        Warehouse(str(full_warehouse)) as warehouse,
        TestClient(create_app(warehouse=warehouse)) as client,
        Warehouse(plain) as plain_warehouse,
        TestClient(create_app(warehouse=plain_warehouse)) as plain_client,
    ):
        for kind, route in ROUTES.items():
            keys = _keys(warehouse, kind)
            assert keys, kind
            for key in keys if kind == "user_recommendations" else rng.sample(keys, SAMPLE):
                stored = client.get(route.format(key))
                assembled = plain_client.get(route.format(key))
                assert stored.status_code == assembled.status_code == 200, (kind, key)
                assert stored.content == assembled.content, (kind, key)


# -- the edge: stored answers before Litestar's router (api.document_store.StoredAnswers) ----

EDGE_URLS = ["/movies/862", "/people/31", "/movies/862/similar"]


def _routed_app(warehouse: Warehouse):
    """The app with a rate limit far above what a test sends: Litestar's rate limit runs after
    routing, so the edge is off and the handlers answer (from the store)."""
    return create_app(warehouse=warehouse, rate_limit="1000000/second")


def test_the_edge_answers_what_the_route_answers(warehouse):
    urls = list(EDGE_URLS)
    users = warehouse.fetch_all("select min(user_id) from {db}.api.user_recommendation_documents")
    if users[0][0] is not None:
        urls.append(f"/users/{users[0][0]}/recommendations")
    with (
        TestClient(create_app(warehouse=warehouse)) as edge,
        TestClient(_routed_app(warehouse)) as routed,
    ):
        for url in urls:
            a, b = edge.get(url), routed.get(url)
            assert a.status_code == b.status_code == 200, url
            assert a.content == b.content, url
            for header in ("content-type", "content-length", "etag", "cache-control"):
                assert a.headers[header] == b.headers[header], (url, header)
            assert a.headers["x-request-id"] and a.headers["x-content-type-options"] == "nosniff"
            assert edge.get(url, headers={"If-None-Match": a.headers["etag"]}).status_code == 304


def test_the_edge_is_counted_under_the_route_template(warehouse):
    with TestClient(create_app(warehouse=warehouse)) as client:
        for url in EDGE_URLS:
            assert client.get(url).status_code == 200
        users = warehouse.fetch_all(
            "select min(user_id) from {db}.api.user_recommendation_documents"
        )
        if users[0][0] is not None:
            assert client.get(f"/users/{users[0][0]}/recommendations").status_code == 200
        metrics = client.get("/metrics").text
    for template in ("/movies/{movie_id}", "/people/{person_id}", "/movies/{movie_id}/similar"):
        line = f'movie_api_requests_total{{method="GET",route="{template}",status="200"}} 1.0'
        assert line in metrics
    if users[0][0] is not None:
        assert 'recommendation_requests_total{outcome="known_user"} 1.0' in metrics


@pytest.mark.parametrize(
    "url",
    ["/movies/0862", "/movies/862?x=1", "/movies/862/similar?limit=5", "/people/031"],
)
def test_other_spellings_go_through_the_route_and_answer_the_same(client, url):
    canonical = url.split("?")[0].replace("/0", "/")
    answer = client.get(url)
    assert answer.status_code == 200
    assert answer.content == client.get(canonical).content


def test_a_rate_limit_is_not_bypassed_by_stored_answers(warehouse):
    with TestClient(create_app(warehouse=warehouse, rate_limit="2/minute")) as client:
        statuses = [client.get("/movies/862").status_code for _ in range(3)]
    assert statuses == [200, 200, 429]
