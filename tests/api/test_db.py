"""The router connection: hardening, a cursor per thread, attach/detach on a switch."""

from __future__ import annotations

import shutil
import threading

import duckdb
import msgspec
import pytest

from api.db import Warehouse, WarehouseUnavailable


def test_external_access_is_off_and_configuration_locked(warehouse):
    with pytest.raises(duckdb.Error):
        warehouse.fetch_all("select * from read_csv('/etc/passwd')")
    with pytest.raises(duckdb.Error):
        warehouse.fetch_all("attach '/tmp/elsewhere.duckdb' as elsewhere")
    with pytest.raises(duckdb.Error):
        warehouse.fetch_all("set enable_external_access = true")
    settings = dict(
        warehouse.fetch_all(
            "select name, value from duckdb_settings() "
            "where name in ('enable_external_access', 'lock_configuration')"
        )
    )
    assert settings == {"enable_external_access": "false", "lock_configuration": "true"}


def test_the_build_is_attached_read_only(warehouse):
    with pytest.raises(duckdb.Error):
        warehouse.fetch_all("create table {db}.main.intruder as select 1 as x")


def test_a_cursor_per_thread(warehouse):
    cursors = {}

    def grab(name):
        warehouse.fetch_all("select 1")
        cursors[name] = warehouse._cursor()

    threads = [threading.Thread(target=grab, args=(i,)) for i in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len({id(cursor) for cursor in cursors.values()}) == 3


def test_switch_attaches_the_new_build_and_detaches_the_old(api_build, tmp_path, make_live):
    builds = tmp_path / "builds"
    builds.mkdir()
    first, second = builds / "a.duckdb", builds / "b.duckdb"
    shutil.copyfile(api_build, first)
    shutil.copyfile(api_build, second)
    live = make_live(tmp_path, first)
    with Warehouse(live, poll_interval=60) as warehouse:
        old = warehouse.current
        old_alias = old.alias
        warehouse.fetch_all("select count(*) from {db}.api.movie_by_title")
        assert old.cache
        make_live(tmp_path, second)
        assert warehouse.refresh() is True
        assert warehouse.current.target == str(second)
        assert warehouse.current.cache == {}
        assert old.cache == {}  # the old build's answers are dropped with it
        databases = {
            row[0] for row in warehouse.fetch_all("select database_name from duckdb_databases()")
        }
        assert warehouse.current.alias in databases
        assert old_alias not in databases


def test_missing_warehouse_is_a_clear_error(tmp_path):
    with pytest.raises(WarehouseUnavailable, match="build it first"):
        Warehouse(tmp_path / "nothing.duckdb").open()


class _Film(msgspec.Struct):
    movie_id: int
    title: str
    return_: float | None = msgspec.field(name="return")


def test_rows_become_structs_by_column_name_whatever_the_select_order(warehouse):
    one = warehouse.fetch_structs(
        "select 862 as movie_id, 'Toy Story' as title, 12.5::double as \"return\"", (), _Film
    )
    other = warehouse.fetch_structs(
        "select 12.5::double as \"return\", 'Toy Story' as title, 862 as movie_id", (), _Film
    )
    assert one == other == [_Film(movie_id=862, title="Toy Story", return_=12.5)]


def test_a_rank_column_orders_the_structs_and_is_left_out(warehouse):
    films = warehouse.fetch_structs(
        "select * from (values (2, 13, 'b', null), (1, 12, 'a', 1.0)) "
        'as t(title_rank, movie_id, title, "return")',
        (),
        _Film,
        rank="title_rank",
    )
    assert [film.movie_id for film in films] == [12, 13]


def test_a_column_without_a_field_fails_loudly(warehouse):
    with pytest.raises(TypeError):
        warehouse.fetch_structs("select 1 as movie_id, 'x' as title, 2 as runtime", (), _Film)
    assert (
        warehouse.fetch_struct("select 1 as movie_id, 'x' as title where false", (), _Film) is None
    )


def test_structs_are_built_once_per_cached_result(warehouse):
    sql = "select 7 as movie_id, 'x' as title, null as \"return\""
    first = warehouse.fetch_structs(sql, (), _Film)
    again = warehouse.fetch_structs(sql, (), _Film)
    assert first == again and first is not again  # a fresh list ...
    assert first[0] is again[0]  # ... of the Structs the cached result holds
