"""Countries: shared by role, contradicted by role, and the details an analyst reads."""

from __future__ import annotations

import pytest

from proscribe.match.features import country_match, country_mismatch
from proscribe.model import Address, Country, CountryRole, Schema
from tests.match.feature_pairs import CONFIG, make_pair
from tests.store.factory import make_entity

NAT, CIT, RES = CountryRole.NATIONALITY, CountryRole.CITIZENSHIP, CountryRole.RESIDENCE
ADDR, BIRTH, JUR, FLAG = (
    CountryRole.ADDRESS,
    CountryRole.BIRTH_PLACE,
    CountryRole.JURISDICTION,
    CountryRole.FLAG,
)


def _both(
    query: tuple[str, ...], *listed: tuple[str, CountryRole], schema: Schema = Schema.PERSON
) -> tuple[float, float]:
    entity = make_entity(schema, countries=tuple(Country(code, role) for code, role in listed))
    pair = make_pair(entity, countries=query)
    return country_match(pair, CONFIG).value, country_mismatch(pair, CONFIG).value


@pytest.mark.parametrize(
    ("query", "listed", "expected"),
    [
        (("kp",), [("kp", NAT)], (1.0, 0.0)),
        (("kp",), [("kp", CIT)], (1.0, 0.0)),
        (("kp",), [("kp", RES)], (0.6, 0.0)),
        (("kp",), [("kp", ADDR)], (0.6, 0.0)),
        (("kp",), [("kp", BIRTH)], (0.6, 0.0)),
        (("kp",), [("cn", ADDR), ("kp", NAT)], (1.0, 0.0)),  # the best role counts
        (("cn", "kp"), [("kp", NAT)], (1.0, 0.0)),  # any query country may be the shared one
        (("ir",), [("kp", NAT)], (0.0, -1.0)),
        (("ir",), [("kp", CIT), ("cn", ADDR)], (0.0, -1.0)),
        (("ir",), [("kp", ADDR)], (0.0, -0.3)),  # addresses only: people move
        (("ir",), [("kp", BIRTH), ("cn", RES)], (0.0, -0.3)),
        (("kp",), [("ir", NAT), ("kp", ADDR)], (0.6, 0.0)),  # shared address, no contradiction
        (("KP",), [("kp", NAT)], (1.0, 0.0)),  # codes in either case
        (("North Korea",), [("kp", NAT)], (1.0, 0.0)),  # or a country name
    ],
)
def test_roles(
    query: tuple[str, ...], listed: list[tuple[str, CountryRole]], expected: tuple[float, float]
) -> None:
    assert _both(query, *listed) == expected


def test_organisations_by_jurisdiction_and_vessels_by_flag() -> None:
    assert _both(("ae",), ("ae", JUR), schema=Schema.ORGANIZATION) == (1.0, 0.0)
    assert _both(("ir",), ("ae", JUR), schema=Schema.ORGANIZATION) == (0.0, -1.0)
    assert _both(("ir",), ("ir", FLAG), schema=Schema.VESSEL) == (1.0, 0.0)
    assert _both(("pa",), ("ir", FLAG), schema=Schema.VESSEL) == (0.0, -1.0)


def test_address_countries_count_even_when_not_repeated_in_countries() -> None:
    entity = make_entity(addresses=(Address("Pyongyang", country="kp"),))
    pair = make_pair(entity, countries=("kp",))
    assert country_match(pair, CONFIG).value == 0.6


@pytest.mark.parametrize(
    ("query", "listed"), [((), [("kp", NAT)]), (("kp",), []), ((), []), (("",), [("kp", NAT)])]
)
def test_nothing_to_compare(query: tuple[str, ...], listed: list[tuple[str, CountryRole]]) -> None:
    entity = make_entity(countries=tuple(Country(code, role) for code, role in listed))
    pair = make_pair(entity, countries=query)
    for feature in (country_match, country_mismatch):
        result = feature(pair, CONFIG)
        assert (result.value, result.detail) == (0.0, "")


def _details(query: tuple[str, ...], *listed: tuple[str, CountryRole]) -> tuple[str, str]:
    entity = make_entity(countries=tuple(Country(code, role) for code, role in listed))
    pair = make_pair(entity, countries=query)
    return country_match(pair, CONFIG).detail, country_mismatch(pair, CONFIG).detail


def test_details() -> None:
    assert _details(("kp",), ("kp", NAT)) == ("nationality KP equal", "")
    assert _details(("kp",), ("kp", ADDR)) == ("address country KP equal", "")
    assert _details(("ir",), ("kp", NAT), ("ru", CIT), ("kp", CIT), ("cn", ADDR)) == (
        "",
        "country IR differs from listed nationality KP and citizenship RU, KP",
    )
    assert _details(("ir", "sy"), ("kp", ADDR)) == (
        "",
        "countries IR, SY differ from listed address country KP",
    )
