"""FollowTheMoney JSON lines as a custom list: round trips, list ids, claims and bad lines."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from proscribe.errors import ParseError
from proscribe.model import (
    Address,
    Country,
    CountryRole,
    DateSpec,
    Designation,
    Entity,
    Identifier,
    IdentifierType,
    Link,
    Name,
    NameKind,
    PartialDate,
    Schema,
    to_ftm,
)
from proscribe.sources.base import ParsedList
from proscribe.sources.ftm import FORMATS
from proscribe.sources.gb_fcdo import FORMATS as FCDO_FORMATS
from tests.conftest import read_folder

FORMAT = FORMATS[0]


def jsonl(*objects: dict[str, Any]) -> bytes:
    return "".join(json.dumps(obj) + "\n" for obj in objects).encode("utf-8")


def parse(data: bytes, name: str = "list.ftm.json") -> ParsedList:
    return FORMAT.parse({name: data})


def person(source: str = "acme_list", entity_id: str = "p1") -> Entity:
    """A person using only what FtM carries both ways, in the order `from_ftm` reads it."""
    return Entity(
        source=source,
        id=entity_id,
        schema=Schema.PERSON,
        names=(
            Name("John Doe", NameKind.PRIMARY, first="John", last="Doe"),
            Name("Johnny Doe", NameKind.ALIAS),
            Name("JD", NameKind.WEAK_ALIAS),
            Name("John Roe", NameKind.FORMER),
        ),
        designation=Designation(
            source=source,
            programs=("SDGT", "IRAN"),
            listed_on=PartialDate(2019, 1, 4),
            remarks="Linked to ACME.",
        ),
        birth_dates=(
            DateSpec(PartialDate(1970)),
            DateSpec(PartialDate(1961), PartialDate(1963)),
            DateSpec(PartialDate(1966), circa=True),
            DateSpec(PartialDate(1950, 1, 1), PartialDate(1950, 12, 31)),
        ),
        birth_places=("Tehran",),
        gender="male",
        countries=(
            Country("ir", CountryRole.NATIONALITY),
            Country("ca", CountryRole.CITIZENSHIP),
        ),
        identifiers=(
            Identifier(IdentifierType.PASSPORT, "A123456"),
            Identifier(IdentifierType.NATIONAL_ID, "99-1"),
        ),
        addresses=(Address("1 Main St, Tehran"),),
        links=(Link("ACME TRADING"),),
        extra={"title": ("Dr",), "position": ("Director",)},
    )


def vessel(source: str = "acme_list") -> Entity:
    return Entity(
        source=source,
        id="v1",
        schema=Schema.VESSEL,
        names=(Name("OCEAN STAR"),),
        designation=Designation(source=source, programs=("DPRK4",)),
        countries=(Country("kp", CountryRole.FLAG),),
        identifiers=(Identifier(IdentifierType.IMO, "9116412"),),
        extra={"type": ("Crude Oil Tanker",), "tonnage": ("1000",)},
    )


def test_model_entities_round_trip_through_ftm_lines() -> None:
    entities = [person(), vessel()]
    result = parse(jsonl(*(to_ftm(entity) for entity in entities)))
    assert (result.source, result.format, result.files) == (
        "acme_list",
        "ftm_json",
        ("list.ftm.json",),
    )
    assert result.entities == entities


def test_what_ftm_cannot_carry_is_dropped_not_garbled() -> None:
    rich = Entity(
        source="acme_list",
        id="o1",
        schema=Schema.ORGANIZATION,
        names=(Name("ACME", script="Latin", lang="en"),),
        designation=Designation(source="acme_list", authority="Someone"),
        identifiers=(Identifier(IdentifierType.TAX_ID, "123", "us", "Tax ID No."),),
        addresses=(Address("1 Road, Town", street="1 Road", city="Town", country="de"),),
    )
    (back,) = parse(jsonl(to_ftm(rich))).entities
    assert back.names == (Name("ACME"),)
    assert back.identifiers == (Identifier(IdentifierType.TAX_ID, "123"),)
    assert back.addresses == (Address("1 Road, Town"),)
    assert back.designation.authority is None


def test_a_real_list_exported_to_ftm_reads_back_with_ids_names_and_programs(
    data_dir: Path,
) -> None:
    fcdo = FCDO_FORMATS[0].parse(read_folder(data_dir / "uk_fcdo_sanctions_list/2025-08-11"))
    named = [entity for entity in fcdo.entities if entity.names]  # FtM requires a name
    result = parse(jsonl(*(to_ftm(entity) for entity in named)), name="fcdo.jsonl")
    assert result.source == "gb_fcdo"
    assert len(result.entities) == len(named) == 5300

    def essentials(entity: Entity) -> tuple[object, ...]:
        return (entity.id, entity.schema, entity.names, entity.designation.programs,
                entity.designation.listed_on)  # fmt: skip

    assert [essentials(e) for e in result.entities] == [essentials(e) for e in named]


@pytest.mark.parametrize(
    ("datasets", "expected"),
    [
        ([["acme_list"], ["acme_list"]], "acme_list"),
        ([["ACME-List 2"], ["ACME-List 2"]], "acme_list_2"),
        ([["a"], ["b"]], "custom"),
        ([["a", "b"], ["a", "b"]], "custom"),
        ([[], []], "custom"),
        ([["--"], ["--"]], "custom"),
    ],
)
def test_list_id_is_the_one_shared_dataset(datasets: list[list[str]], expected: str) -> None:
    objects = [
        {"id": f"e{n}", "schema": "Person", "properties": {"name": [f"N{n}"]}, "datasets": d}
        for n, d in enumerate(datasets)
    ]
    result = parse(jsonl(*objects))
    assert result.source == expected
    assert {e.source for e in result.entities} == {expected}


def test_id_prefix_of_the_list_is_removed_and_unknown_schema_is_legal_entity() -> None:
    line = {"id": "acme-42", "schema": "Thing", "properties": {"name": ["X"]}, "datasets": ["acme"]}
    (entity,) = parse(jsonl(line)).entities
    assert (entity.id, entity.schema) == ("42", Schema.LEGAL_ENTITY)


def test_claim_reads_the_first_line_only() -> None:
    line = jsonl({"id": "1", "schema": "Person", "properties": {"name": ["A"]}})
    files = {
        "a.jsonl": b"\n" + line,
        "b.ndjson": line + b"{broken later",
        "c.json": json.dumps([{"schema": "Person", "properties": {}}]).encode(),
        "d.csv": line,
        "e.json": b'{"name": "not ftm"}\n',
        "f.jsonl": b"",
        "g.ftm.json": b"\xff\xfe",
    }
    assert FORMAT.claim(files) == ("a.jsonl", "b.ndjson")


def test_several_files_are_one_list() -> None:
    one = jsonl({"id": "1", "schema": "Person", "properties": {"name": ["A"]}})
    two = jsonl({"id": "2", "schema": "Person", "properties": {"name": ["B"]}})
    result = FORMAT.parse({"b.jsonl": two, "a.jsonl": one})
    assert result.files == ("a.jsonl", "b.jsonl")
    assert [e.id for e in result.entities] == ["1", "2"]


GOOD = {"id": "1", "schema": "Person", "properties": {"name": ["A"]}}
OTHER = {"id": "2", "schema": "Person", "properties": {"name": ["B"]}}


@pytest.mark.parametrize(
    ("bad_line", "field"),
    [
        (b"{not json", None),
        (b"[1, 2]", None),
        (OTHER | {"properties": {}}, "properties.name"),
        (OTHER | {"properties": {"name": "B"}}, "properties.name"),
        ({"schema": "Person", "properties": {"name": ["B"]}}, "id"),
        ({"id": "2", "properties": {"name": ["B"]}}, "schema"),
        (OTHER | {"id": "1"}, "id"),
        (OTHER | {"properties": {"name": ["B"], "birthDate": ["someday"]}}, "properties"),
        (OTHER | {"datasets": "x"}, "datasets"),
    ],
)
def test_bad_line_names_file_line_and_field(
    bad_line: bytes | dict[str, Any], field: str | None
) -> None:
    line = bad_line if isinstance(bad_line, bytes) else json.dumps(bad_line).encode()
    data = jsonl(GOOD) + b"\n" + line + b"\n"
    with pytest.raises(ParseError) as error:
        parse(data)
    expected = {"file": "list.ftm.json", "line": 3} | ({"field": field} if field else {})
    assert error.value.detail == expected
    assert str(error.value).startswith("list.ftm.json:3")


def test_truncated_last_line_is_refused() -> None:
    data = jsonl(GOOD, GOOD | {"id": "2"})
    with pytest.raises(ParseError) as error:
        parse(data[:-10])
    assert error.value.detail == {"file": "list.ftm.json", "line": 2}
