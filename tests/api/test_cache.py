"""The bounded response store and the per-build cache keys."""

from __future__ import annotations

import anyio
from litestar import Request

from api.cache import SLASH, BoundedMemoryStore, EncodedSlashes, response_cache_key_builder


def test_store_keeps_the_most_recently_used():
    async def scenario():
        store = BoundedMemoryStore(max_entries=2)
        await store.set("a", b"1")
        await store.set("b", b"2")
        assert await store.get("a") == b"1"  # a is now the most recent
        await store.set("c", "3")
        assert await store.get("b") is None
        assert (await store.get("a"), await store.get("c")) == (b"1", b"3")
        assert store.size() == 2
        await store.delete_all()
        assert store.size() == 0

    anyio.run(scenario)


def test_disabled_store_keeps_nothing():
    async def scenario():
        store = BoundedMemoryStore(max_entries=0)
        await store.set("a", b"1")
        assert await store.get("a") is None

    anyio.run(scenario)


class _Handle:
    def __init__(self, alias):
        self.alias = alias


class _Warehouse:
    def __init__(self):
        self.current = _Handle("wh_1")


def test_key_names_the_build_and_stays_fixed_for_a_request():
    warehouse = _Warehouse()
    key = response_cache_key_builder(warehouse)
    scope = {
        "type": "http",
        "method": "GET",
        "path": "/actors/tom hanks",
        "query_string": b"",
        "headers": [],
    }
    first = key(Request(scope))
    assert first == "wh_1 GET /actors/tom hanks?"
    warehouse.current = _Handle("wh_2")  # a swap while the request runs
    assert key(Request(scope)) == first
    other = {**scope}
    other.pop("movie_warehouse.response_cache_key", None)
    assert key(Request(other)).startswith("wh_2 ")


def test_encoded_slashes_stay_in_their_segment():
    seen = {}

    async def app(scope, receive, send):
        seen["path"] = scope["path"]

    wrapped = EncodedSlashes(app)
    scope = {
        "type": "http",
        "path": "/score_titulo/Face/Off",
        "raw_path": b"/score_titulo/Face%2FOff",
    }
    anyio.run(wrapped, scope, None, None)
    assert seen["path"] == f"/score_titulo/Face{SLASH}Off"
    scope = {"type": "http", "path": "/actors/a b", "raw_path": b"/actors/a%20b"}
    anyio.run(wrapped, scope, None, None)
    assert seen["path"] == "/actors/a b"
