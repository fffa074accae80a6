"""HTTP caching (api/etags.py): an ETag on every 200 GET answer derived from the live build
and the body, Cache-Control, 304 on a matching If-None-Match, the same tag on answers the
response cache replays (computed once, when the answer is made), and a new tag after a swap."""

from __future__ import annotations

import shutil
from pathlib import Path

import anyio
import pytest
from litestar.testing import TestClient
from msgspec import msgpack

from api import etags
from api.app import create_app
from api.db import Warehouse
from api.etags import CACHE_CONTROL, ConditionalGet, entity_tag, if_none_match_matches

FIXTURE_BUILD = "20260101T000000Z"  # the fixture build's file name (tests/api/conftest.py)

URLS = [
    "/movies/862",
    "/movies?title=toy story",
    "/people/7879",
    "/collections/10194",
    "/genres",
    "/languages?limit=3",
    "/find/tt0114709",
    "/actors/tom hanks",
    "/streaming/platforms/netflix",
    "/cantidad_filmaciones_mes/enero",
    "/schema/openapi.json",
]


# -- If-None-Match, RFC 9110 section 13.1.2 -------------------------------------------------


@pytest.mark.parametrize(
    ("header", "matches"),
    [
        ('"a.1"', True),
        ('W/"a.1"', True),  # weak comparison: W/ ignored
        ('"x", "a.1"', True),
        ('"x",W/"a.1" , "y"', True),
        ("*", True),
        (" * ", True),
        ('"a.2"', False),
        ('"x", "y"', False),
        ("a.1", False),  # not an entity tag: unquoted
        ('"a.1', False),
        ("", False),
        ('"a,1"', False),  # a comma inside a tag is part of it
    ],
)
def test_if_none_match(header, matches):
    assert if_none_match_matches(header, '"a.1"') is matches
    assert if_none_match_matches('"a,1"', '"a,1"')


def test_entity_tag_names_the_build_and_the_body():
    tag = entity_tag("warehouse-20261203T163105790431Z", b"{}")
    assert tag.startswith('"warehouse-20261203T163105790431Z.') and tag.endswith('"')
    assert tag == entity_tag("warehouse-20261203T163105790431Z", b"{}")
    assert tag != entity_tag("warehouse-20261203T163105790431Z", b"[]")
    assert tag != entity_tag("warehouse-20261204T000000000000Z", b"{}")
    assert etags.build_id("/x/builds/warehouse-1.duckdb") == "warehouse-1"


def _through_edge(method, request_headers, start):
    """The messages ConditionalGet sends for an app answering `start` and a body in two
    chunks (a file streamed, as the pages are)."""
    sent = []

    async def app(scope, receive, send):
        await send(start)
        await send({"type": "http.response.body", "body": b"<html>", "more_body": True})
        await send({"type": "http.response.body", "body": b"</html>", "more_body": False})

    async def send(message):
        sent.append(message)

    scope = {"type": "http", "method": method, "headers": request_headers}
    anyio.run(ConditionalGet(app), scope, None, send)
    return sent


def test_edge_adds_cache_control_to_a_tagged_page_without_touching_the_original():
    start = {"type": "http.response.start", "status": 200, "headers": [(b"etag", b'"p-1"')]}
    sent = _through_edge("GET", [], start)
    assert sent[0]["headers"] == [(b"etag", b'"p-1"'), (b"cache-control", CACHE_CONTROL.encode())]
    assert start["headers"] == [(b"etag", b'"p-1"')]  # a stored answer stays as stored
    assert b"".join(m["body"] for m in sent[1:]) == b"<html></html>"


def test_edge_turns_a_streamed_answer_into_a_304_without_body():
    headers = [(b"content-type", b"text/html"), (b"content-length", b"13"), (b"etag", b'"p-1"')]
    start = {"type": "http.response.start", "status": 200, "headers": headers}
    sent = _through_edge("GET", [(b"if-none-match", b'W/"p-1"')], start)
    assert sent == [
        {
            "type": "http.response.start",
            "status": 304,
            "headers": [(b"etag", b'"p-1"'), (b"cache-control", CACHE_CONTROL.encode())],
        },
        {"type": "http.response.body", "body": b"", "more_body": False},
    ]


@pytest.mark.parametrize("method", ["POST", "HEAD", "OPTIONS"])
def test_edge_leaves_other_methods_alone(method):
    start = {"type": "http.response.start", "status": 200, "headers": [(b"etag", b'"p-1"')]}
    sent = _through_edge(method, [(b"if-none-match", b"*")], start)
    assert sent[0] is start and len(sent) == 3


# -- the app --------------------------------------------------------------------------------


@pytest.mark.parametrize("url", URLS)
def test_every_get_answer_carries_a_stable_etag_and_cache_control(client, url):
    first = client.get(url)
    second = client.get(url)  # from the response cache where the route caches
    assert first.status_code == second.status_code == 200, first.text
    assert first.headers["etag"] == second.headers["etag"]
    assert first.headers["etag"] == entity_tag(FIXTURE_BUILD, first.content)
    assert first.headers["cache-control"] == second.headers["cache-control"] == CACHE_CONTROL
    assert second.content == first.content


@pytest.mark.parametrize("url", ["/health", "/metrics"])
def test_health_and_metrics_are_never_stored(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response.headers["cache-control"] == "no-store"
    assert "etag" not in response.headers
    assert client.get(url, headers={"If-None-Match": "*"}).status_code == 200


@pytest.mark.parametrize("url", ["/people/99999999", "/people/0", "/nowhere"])
def test_problems_carry_no_etag(client, url):
    response = client.get(url, headers={"If-None-Match": "*"})
    assert response.status_code in (400, 404)
    assert "etag" not in response.headers
    assert "cache-control" not in response.headers


def _tag(client, url):
    return client.get(url).headers["etag"]


@pytest.mark.parametrize(
    "condition",
    [
        lambda tag: tag,
        lambda tag: f"W/{tag}",
        lambda tag: f'"other", {tag}',
        lambda tag: f'W/"other",W/{tag}',
        lambda tag: "*",
    ],
    ids=["exact", "weak", "list", "weak-list", "star"],
)
@pytest.mark.parametrize("url", ["/people/7879", "/genres", "/schema/openapi.json"])
def test_matching_if_none_match_answers_304_without_body(client, url, condition):
    tag = _tag(client, url)
    response = client.get(url, headers={"If-None-Match": condition(tag)})
    assert response.status_code == 304
    assert response.content == b""
    assert response.headers["etag"] == tag
    assert response.headers["cache-control"] == CACHE_CONTROL
    assert "content-type" not in response.headers
    assert "x-total-count" not in response.headers
    assert response.headers["x-content-type-options"] == "nosniff"  # the edge still adds its own


@pytest.mark.parametrize(
    "condition",
    ['"other"', 'W/"other"', "not-a-tag", '"20260101T000000Z.000000000000000000000000"'],
)
def test_other_tags_answer_200(client, condition):
    response = client.get("/people/7879", headers={"If-None-Match": condition})
    assert response.status_code == 200
    assert response.json()["person_id"] == 7879


def test_if_none_match_split_over_two_header_lines(client):
    tag = _tag(client, "/collections/10194")
    response = client.get(
        "/collections/10194", headers=[("If-None-Match", '"other"'), ("If-None-Match", tag)]
    )
    assert response.status_code == 304


def test_list_pages_keep_their_total_when_replayed(client):
    first = client.get("/countries?limit=1&offset=2")
    replayed = client.get("/countries?limit=1&offset=2")
    assert first.headers["x-total-count"] == replayed.headers["x-total-count"] != ""
    assert first.headers["etag"] == replayed.headers["etag"]
    assert first.headers["etag"] != _tag(client, "/countries?limit=1&offset=3")


@pytest.fixture
def hashed_bodies(monkeypatch) -> list[bytes]:
    """The bodies `etags.entity_tag` hashes from now on, in order."""
    calls: list[bytes] = []
    real = etags.entity_tag

    def counting(build, body):
        calls.append(body)
        return real(build, body)

    monkeypatch.setattr(etags, "entity_tag", counting)
    return calls


def test_stored_answers_hold_their_tag_and_replays_hash_nothing(warehouse, hashed_bodies):
    """The tag is computed when the answer is made and stored with it: a replay from the
    response cache carries the same tag without hashing the body again, and it is the tag an
    app without a response cache gives."""
    calls = hashed_bodies
    app = create_app(warehouse=warehouse)
    with TestClient(app) as client:
        first = client.get("/collections/10194")
        assert len(calls) == 1
        replays = [client.get("/collections/10194") for _ in range(3)]
        conditional = client.get(
            "/collections/10194", headers={"If-None-Match": first.headers["etag"]}
        )
        assert len(calls) == 1  # replays and the 304 hashed nothing
        assert {r.headers["etag"] for r in replays} == {first.headers["etag"]}
        assert conditional.status_code == 304
        store = app.response_cache_config.get_store_from_app(app)
        stored = [msgpack.decode(value) for value in store._values.values()]
        stored_tags = [
            bytes(value).decode()
            for messages in stored
            for message in messages
            for name, value in message.get("headers", ())
            if bytes(name) == b"etag"
        ]
        assert stored_tags == [first.headers["etag"]]
    with TestClient(create_app(warehouse=warehouse, response_cache_size=0)) as uncached:
        assert uncached.get("/collections/10194").headers["etag"] == first.headers["etag"]


def test_document_store_answers_carry_the_tag_of_their_body_and_hash_nothing(
    warehouse, hashed_bodies
):
    """An answer from the build's document store (api.document_store) carries the tag the
    build computed for its body, the tag an answer made per request would get, without
    hashing anything per request, and is not copied into the response cache."""
    calls = hashed_bodies
    app = create_app(warehouse=warehouse)
    build = etags.build_id(warehouse.current.target)
    urls = ["/people/31", "/movies/862", "/movies/862/similar"]
    users = warehouse.fetch_all("select min(user_id) from {db}.api.user_recommendation_documents")
    if users[0][0] is not None:
        urls.append(f"/users/{users[0][0]}/recommendations")
    with TestClient(app) as client:
        for url in urls:
            answers = [client.get(url) for _ in range(2)]
            assert {a.headers["etag"] for a in answers} == {entity_tag(build, answers[0].content)}
            assert answers[0].headers["cache-control"] == CACHE_CONTROL
            conditional = client.get(url, headers={"If-None-Match": answers[0].headers["etag"]})
            assert conditional.status_code == 304
        assert calls == []
        assert app.response_cache_config.get_store_from_app(app).size() == 0


def test_the_tag_changes_when_the_build_changes(api_build: Path, tmp_path: Path, make_live):
    """The same answer from another build has another tag: a client revalidating after a
    swap gets a 200 with the new tag, never a 304 for the old build."""
    builds = tmp_path / "builds"
    builds.mkdir()
    first = builds / "warehouse-20260101T000000000000Z.duckdb"
    second = builds / "warehouse-20260102T000000000000Z.duckdb"
    shutil.copyfile(api_build, first)
    shutil.copyfile(api_build, second)
    live = make_live(tmp_path, first)
    with (
        Warehouse(live, poll_interval=3600) as warehouse,
        TestClient(create_app(warehouse=warehouse)) as client,
    ):
        before = client.get("/collections/10194")
        assert before.headers["etag"].startswith('"warehouse-20260101T000000000000Z.')
        make_live(tmp_path, second)
        assert warehouse.refresh()
        after = client.get("/collections/10194")
        assert after.content == before.content
        assert after.headers["etag"] == entity_tag(
            "warehouse-20260102T000000000000Z", after.content
        )
        assert after.headers["etag"] != before.headers["etag"]
        stale = client.get("/collections/10194", headers={"If-None-Match": before.headers["etag"]})
        assert stale.status_code == 200 and stale.headers["etag"] == after.headers["etag"]
        fresh = client.get("/collections/10194", headers={"If-None-Match": after.headers["etag"]})
        assert fresh.status_code == 304
