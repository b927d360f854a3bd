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


@pytest.mark.parametrize("kind", [IdentifierType.MMSI, IdentifierType.CALL_SIGN])
def test_vessels_are_found_by_mmsi_and_call_sign(kind: IdentifierType) -> None:
    entities, screener = sdn("us_ofac_sdn/2021-07-07")
    vessels = [
        (e, i.value)
        for e in entities
        if e.schema is Schema.VESSEL
        for i in e.identifiers
        if i.type is kind
    ][:30]
    assert len(vessels) >= 10, f"vessels with a {kind.value} on the SDN"
    for vessel, value in vessels:
        query = Query(
            "unknown ship", schema=Schema.VESSEL, identifiers=(QueryIdentifier(value, kind),)
        )
        found = {m.entity.id: m for m in screener.screen(query).matches if m.match}
        assert vessel.id in found, (kind, value)
        assert "identifier_match" in {
            f.code for f in found[vessel.id].comparison.features if f.value
        }


def test_a_vessels_flag_is_compared() -> None:
    entities, screener = sdn("us_ofac_sdn/2021-07-07")
    vessel = next(
        e for e in dprk_vessels(entities) if any(c.role.value == "flag" for c in e[0].countries)
    )[0]
    flag = next(c.code for c in vessel.countries if c.role.value == "flag")
    other = "PA" if flag != "PA" else "LR"

    def country_codes(country: str) -> dict[str, float]:
        query = Query(vessel.caption, schema=Schema.VESSEL, countries=(country,))
        match = next(m for m in screener.screen(query).matches if m.entity.id == vessel.id)
        return {f.code: f.value for f in match.comparison.features if f.value}

    assert country_codes(flag).get("country_match", 0) > 0
    assert country_codes(other).get("country_mismatch", 0) < 0
