"""The non-name features on real SDN entries (2019-01-04), as an analyst would see them.

23213 CHOE, Ryong Hae: born 15 Jan 1950, male. 23212 JONG, Kyong Thaek: born 1961-1963, address
in Pyongyang. 19609 RI, Won Ho: passport 381310014, citizen of North Korea. 15036 ARTAVIL: a
tanker, IMO 9187629, Iranian flag.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from proscribe.match.features import (
    birth_date_match,
    birth_date_mismatch,
    country_match,
    country_mismatch,
    gender_mismatch,
    identifier_match,
    identifier_mismatch,
    schema_mismatch,
)
from proscribe.match.features.identifiers import imo_is_valid
from proscribe.match.types import Feature
from proscribe.model import Entity, IdentifierType, QueryIdentifier, Schema, parse_date_spec
from proscribe.sources.us_ofac import FORMATS
from tests.conftest import read_folder
from tests.match.feature_pairs import CONFIG, make_pair


@pytest.fixture(scope="module")
def sdn(data_dir: Path) -> dict[str, Entity]:
    parsed = FORMATS[0].parse(read_folder(data_dir / "us_ofac_sdn/2019-01-04"))
    return {entity.id: entity for entity in parsed.entities}


def _run(feature: Feature, entity: Entity, **query: Any) -> tuple[float, str]:
    result = feature(make_pair(entity, **query), CONFIG)
    return result.value, result.detail


@pytest.mark.parametrize(
    ("feature", "birth_date", "expected"),
    [
        (birth_date_match, "15 Jan 1950", (1.0, "birth date 15 Jan 1950 equal")),
        (birth_date_match, "1950", (0.6, "birth year 1950 equal")),
        (
            birth_date_match,
            "15 Jan 1951",
            (0.3, "birth date 15 Jan 1951 vs listed 15 Jan 1950 (1 year apart)"),
        ),
        (birth_date_mismatch, "15 Jan 1950", (0.0, "")),
        (
            birth_date_mismatch,
            "1975",
            (-1.0, "birth date 1975 vs listed 15 Jan 1950 (25 years apart)"),
        ),
    ],
)
def test_choe_ryong_hae_birth_date(
    sdn: dict[str, Entity], feature: Feature, birth_date: str, expected: tuple[float, str]
) -> None:
    assert _run(feature, sdn["23213"], birth_date=parse_date_spec(birth_date)) == expected


def test_choe_ryong_hae_gender_and_schema(sdn: dict[str, Entity]) -> None:
    choe = sdn["23213"]
    assert _run(gender_mismatch, choe, gender="M") == (0.0, "")
    assert _run(gender_mismatch, choe, gender="female") == (-1.0, "gender female vs listed male")
    assert _run(schema_mismatch, choe, schema=Schema.VESSEL) == (-1.0, "a Vessel is never a Person")
    assert _run(schema_mismatch, choe, schema=Schema.LEGAL_ENTITY) == (0.0, "")
    # The 2019 SDN states no nationality for him: a country is nothing to compare.
    assert _run(country_mismatch, choe, countries=("ir",)) == (0.0, "")


@pytest.mark.parametrize(
    ("birth_date", "match", "mismatch"),
    [("1962", 0.7, 0.0), ("1961-1963", 0.7, 0.0), ("1964", 0.3, 0.0), ("1970", 0.0, -0.6)],
)
def test_jong_kyong_thaek_birth_range(
    sdn: dict[str, Entity], birth_date: str, match: float, mismatch: float
) -> None:
    jong = sdn["23212"]
    query = {"birth_date": parse_date_spec(birth_date)}
    assert _run(birth_date_match, jong, **query)[0] == match
    assert _run(birth_date_mismatch, jong, **query)[0] == mismatch


def test_jong_kyong_thaek_details_and_address_country(sdn: dict[str, Entity]) -> None:
    jong = sdn["23212"]
    assert _run(birth_date_match, jong, birth_date=parse_date_spec("1962")) == (
        0.7,
        "birth date 1962 within listed 1961-1963",
    )
    assert _run(country_match, jong, countries=("KP",)) == (0.6, "address country KP equal")
    assert _run(country_mismatch, jong, countries=("IR",)) == (
        -0.3,
        "country IR differs from listed address country KP",
    )


def test_ri_won_ho_passport_and_citizenship(sdn: dict[str, Entity]) -> None:
    ri = sdn["19609"]
    passport = (QueryIdentifier("381310014", IdentifierType.PASSPORT),)
    other = (QueryIdentifier("381310041", IdentifierType.PASSPORT),)
    assert _run(identifier_match, ri, identifiers=passport) == (1.0, "passport 381310014 equal")
    assert _run(identifier_mismatch, ri, identifiers=passport) == (0.0, "")
    assert _run(identifier_mismatch, ri, identifiers=other) == (
        -1.0,
        "passport 381310041 differs from listed 381310014",
    )
    assert _run(country_match, ri, countries=("kp",)) == (1.0, "citizenship KP equal")
    assert _run(country_mismatch, ri, countries=("ir",)) == (
        -1.0,
        "country IR differs from listed citizenship KP",
    )


def test_artavil_imo_and_flag(sdn: dict[str, Entity]) -> None:
    artavil = sdn["15036"]
    own = (QueryIdentifier("IMO 9187629"),)
    ark = (QueryIdentifier("9187655"),)  # the IMO number of ARK, another NITC tanker
    assert _run(identifier_match, artavil, identifiers=own) == (1.0, "IMO 9187629 equal")
    assert _run(identifier_mismatch, artavil, identifiers=ark) == (
        -1.0,
        "IMO 9187655 differs from listed 9187629",
    )
    assert _run(country_match, artavil, countries=("ir",)) == (1.0, "flag IR equal")
    assert _run(schema_mismatch, artavil, schema=Schema.PERSON) == (
        -1.0,
        "a Person is never a Vessel",
    )


def test_every_vessel_imo_number_in_the_list_passes_the_check_digit(
    sdn: dict[str, Entity],
) -> None:
    numbers = [
        found.value
        for entity in sdn.values()
        if entity.schema is Schema.VESSEL
        for found in entity.identifiers
        if found.type is IdentifierType.IMO and len(found.value) == 7
    ]
    assert len(numbers) == 317
    assert all(imo_is_valid(number) for number in numbers)
