"""Rows of a screening file read as queries: every column, and each way a field is wrong."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from proscribe.batch import Row, RowError, parse_row
from proscribe.model import DateSpec, IdentifierType, PartialDate, Query, QueryIdentifier, Schema


def query(**values: Any) -> Query:
    found = parse_row(Row(2, {"id": "r1", **values}))
    assert isinstance(found, Query), found
    return found


def error(**values: Any) -> str:
    found = parse_row(Row(7, {"id": "r1", **values}))
    assert isinstance(found, RowError), found
    assert found.to_json() == {"id": found.id, "error": found.message, "matches": []}
    return found.message


def test_a_full_row() -> None:
    found = query(
        name="  Choe   Ryong-hae ",
        schema="PERSON",
        birth_date="15 Jan 1950",
        country="KP",
        id_number="passport:M1234; 998877",
        gender="M",
    )
    assert found == Query(
        "Choe Ryong-hae",
        schema=Schema.PERSON,
        birth_date=DateSpec(PartialDate(1950, 1, 15)),
        countries=("kp",),
        identifiers=(
            QueryIdentifier("M1234", IdentifierType.PASSPORT),
            QueryIdentifier("998877"),
        ),
        gender="male",
        id="r1",
    )


def test_only_id_and_name_are_needed() -> None:
    assert query(name="Pak Kwang Ho", schema="", country=None) == Query("Pak Kwang Ho", id="r1")


@pytest.mark.parametrize(
    ("country", "codes"),
    [
        ("Korea, North", ("kp",)),  # one name with a comma is not split
        ("kp;RU", ("kp", "ru")),
        ("kp, ru, kp", ("kp", "ru")),
        ("North Korea; Iran", ("kp", "ir")),
        (["kp", "Syria"], ("kp", "sy")),  # a JSON list
    ],
)
def test_countries(country: Any, codes: tuple[str, ...]) -> None:
    assert query(name="x", country=country).countries == codes


def test_values_of_json_and_parquet_types() -> None:
    found = query(name="x", birth_date=date(1950, 1, 15), id_number=9106297)
    assert found.birth_date == DateSpec(PartialDate(1950, 1, 15))
    assert found.identifiers == (QueryIdentifier("9106297"),)
    assert parse_row(Row(1, {"id": 42, "name": "x"})) == Query("x", id="42")


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"name": " "}, "line 7: field name: empty"),
        ({"name": "x" * 501}, "line 7: field name: 501 characters, at most 500 read"),
        ({"name": "x", "birth_date": "sometime"}, "line 7: field birth_date: unreadable date: "),
        ({"name": "x", "birth_date": "3000-01-01"}, "line 7: field birth_date: a birth date after"),
        ({"name": "x", "schema": "Ship"}, "line 7: field schema: unknown schema 'Ship'"),
        ({"name": "x", "country": "kp;Narnia"}, "line 7: field country: unknown country"),
        ({"name": "x", "gender": "other"}, "line 7: field gender: unknown gender 'other'"),
        ({"name": {"first": "x"}}, "line 7: field name: expected text, found dict"),
        ({"name": "x", "id": ""}, "line 7: field id: empty"),
    ],
)
def test_each_wrong_field_is_named(values: dict[str, Any], message: str) -> None:
    assert error(**values).startswith(message)


def test_a_row_the_reader_could_not_split_keeps_its_id() -> None:
    found = parse_row(Row(3, {"id": "r9", "name": "x"}, problem="4 values for 3 columns"))
    assert found == RowError("r9", "line 3: 4 values for 3 columns")
