"""The SQL repr parser gives exactly what `ast.literal_eval` gives, on every row."""

import pytest

from tests.warehouse.repr_check import check_nested_columns, same_value


def test_same_value_is_strict():
    assert same_value([{"id": 1, "name": "a"}], [{"id": 1, "name": "a"}])
    assert not same_value([{"id": 1, "name": "a"}], [{"id": 1, "name": "b"}])
    assert not same_value([{"id": 1.0}], [{"id": 1}])
    assert not same_value([{"id": 0}], [{"id": False}])
    assert not same_value([{"id": None}], [{"id": 0}])
    assert not same_value({"id": 1}, {"id": 1, "extra": "kept in JSON"})
    assert same_value({"id": 1}, {"id": 1, "extra": "kept in JSON"}, typed=True)
    assert same_value({"id": 1, "poster_path": None}, {"id": 1}, typed=True)
    assert not same_value({"id": 1, "poster_path": "x"}, {"id": 1}, typed=True)
    assert not same_value([], [{"id": 1}])
    assert not same_value(None, [])


def test_fixture_entries_match_literal_eval(fixture_db):
    check = check_nested_columns(fixture_db)
    assert check.entries > 100
    assert check.mismatches == []


@pytest.mark.full_data
def test_every_entry_of_the_real_files_matches_literal_eval(full_db):
    check = check_nested_columns(full_db)
    print(
        f"compared {check.values:,} values, {check.entries:,} entries, "
        f"{len(check.mismatches)} mismatches"
    )
    assert check.entries > 590_000
    assert check.mismatches == []
