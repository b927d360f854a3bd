"""Vessels: IMO numbers checked and looked up, ship-name conventions, DPRK vessels on the SDN."""

from __future__ import annotations

from functools import cache

import pytest

from proscribe.model import (
    Entity,
    IdentifierType,
    Query,
    QueryIdentifier,
    Schema,
    imo_is_valid,
    parse_query_identifier,
)
from proscribe.screener import Screener
from proscribe.sources.registry import read_path
from tests.conftest import DATA

SNAPSHOTS = ("us_ofac_sdn/2019-01-04", "us_ofac_sdn/2021-07-07")


@cache
def sdn(snapshot: str) -> tuple[tuple[Entity, ...], Screener]:
    entities = tuple(read_path(DATA / snapshot)[0].parsed.entities)
    return entities, Screener.from_entities(entities)


def dprk_vessels(entities: tuple[Entity, ...]) -> list[tuple[Entity, str]]:
    found = []
    for entity in entities:
        imos = [i.value for i in entity.identifiers if i.type is IdentifierType.IMO]
        programs = entity.designation.programs
        if entity.schema is Schema.VESSEL and imos and any(p.startswith("DPRK") for p in programs):
            found.append((entity, imos[0]))
    return found


def test_imo_check_digit() -> None:
    # 9 1 8 7 6 2 weighted 7 6 5 4 3 2: 63 + 6 + 40 + 28 + 18 + 4 = 159 -> check digit 9
    assert imo_is_valid("9187629")
    assert not imo_is_valid("9187628")
    assert parse_query_identifier("IMO 9187629") == QueryIdentifier("9187629", IdentifierType.IMO)
    with pytest.raises(ValueError, match="invalid IMO"):
        parse_query_identifier("IMO 9187628")
    with pytest.raises(ValueError, match="invalid IMO"):
        parse_query_identifier("imo:123")


@pytest.mark.parametrize("snapshot", SNAPSHOTS)
def test_dprk_vessels_are_found_by_imo_and_by_name(snapshot: str) -> None:
    entities, screener = sdn(snapshot)
    vessels = dprk_vessels(entities)
    assert len(vessels) >= 10, "the DPRK vessels of the snapshot"
    for vessel, imo in vessels:
        by_imo = screener.screen(
            Query("unknown ship", identifiers=(parse_query_identifier(f"IMO {imo}"),))
        )
        assert (by_imo.matches[0].entity.id, by_imo.matches[0].match) == (vessel.id, True), imo
        by_name = screener.screen(Query(f"M/V {vessel.caption.title()}", schema=Schema.VESSEL))
        assert by_name.matches[0].entity.id == vessel.id, vessel.caption
        assert by_name.matches[0].match


def test_vessels_are_found_under_former_names() -> None:
    entities, screener = sdn("us_ofac_sdn/2021-07-07")
    renamed = [
        (e, n.full)
        for e in entities
        if e.schema is Schema.VESSEL
        for n in e.names
        if n.kind.value == "former"
    ][:40]
    assert renamed, "vessels with f.k.a. names"
    for vessel, former in renamed:
        result = screener.screen(Query(f"MV {former}", schema=Schema.VESSEL))
        assert result.matches[0].entity.id == vessel.id
        assert "former name" in result.matches[0].comparison.explanation
