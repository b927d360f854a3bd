"""Entities serialise losslessly, hash by content, and convert to and from FollowTheMoney."""

from __future__ import annotations

import json

import pytest
from hypothesis import given

from proscribe.errors import ParseError
from proscribe.model import (
    Country,
    CountryRole,
    Designation,
    Entity,
    Identifier,
    IdentifierType,
    Name,
    NameKind,
    Schema,
    from_ftm,
    parse_date_spec,
    to_ftm,
)
from tests.model.strategies import entities

CHOE = Entity(
    source="us_ofac_sdn",
    id="23213",
    schema=Schema.PERSON,
    names=(
        Name("CHOE, Ryong Hae", NameKind.PRIMARY, first="Ryong Hae", last="CHOE"),
        Name("CH'OE, Ryong-hae", NameKind.ALIAS),
    ),
    designation=Designation("us_ofac_sdn", ("DPRK2",)),
    birth_dates=(parse_date_spec("15 Jan 1950"),),
    gender="male",
    countries=(Country("kp", CountryRole.NATIONALITY),),
    identifiers=(Identifier(IdentifierType.PASSPORT, "381310014", "kp"),),
)


@given(entities)
def test_dict_round_trip_is_lossless(entity: Entity) -> None:
    assert Entity.from_dict(json.loads(entity.to_json())) == entity


@given(entities)
def test_content_hash_is_stable_and_content_based(entity: Entity) -> None:
    again = Entity.from_dict(entity.to_dict())
    assert again.content_hash == entity.content_hash


def test_content_hash_changes_with_any_field() -> None:
    renamed = Entity.from_dict({**CHOE.to_dict(), "gender": "female"})
    assert renamed.content_hash != CHOE.content_hash


def test_caption_is_the_primary_name() -> None:
    assert CHOE.caption == "CHOE, Ryong Hae"
    assert CHOE.ref == "us_ofac_sdn:23213"


def test_ftm_shape() -> None:
    ftm = to_ftm(CHOE)
    assert ftm["id"] == "us_ofac_sdn-23213"
    assert ftm["schema"] == "Person"
    props = ftm["properties"]
    assert props["name"] == ["CHOE, Ryong Hae"]
    assert props["alias"] == ["CH'OE, Ryong-hae"]
    assert props["birthDate"] == ["1950-01-15"]
    assert props["nationality"] == ["kp"]
    assert props["passportNumber"] == ["381310014"]
    assert props["program"] == ["DPRK2"]


def test_ftm_round_trip_keeps_what_ftm_can_say() -> None:
    back = from_ftm(to_ftm(CHOE), "us_ofac_sdn")
    assert back.id == "23213"
    assert back.names == CHOE.names
    assert back.birth_dates == CHOE.birth_dates
    assert back.countries == CHOE.countries
    assert [(i.type, i.value) for i in back.identifiers] == [(IdentifierType.PASSPORT, "381310014")]


def test_ftm_without_name_is_refused_with_location() -> None:
    with pytest.raises(ParseError, match=r"list\.jsonl:3.*name"):
        from_ftm({"id": "x", "schema": "Person", "properties": {}}, "custom", where="list.jsonl:3")
