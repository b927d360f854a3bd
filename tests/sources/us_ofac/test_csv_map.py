"""The mapping helpers OFAC's formats share (`us_ofac.map`).

Protects: party types to schemas, programme tags split, individuals' `SURNAME, Given` names
split while kept whole, OFAC's country spellings, the country at the end of a place, and a
country in parentheses after an identifier.
"""

from __future__ import annotations

import pytest

from proscribe.model import Name, NameKind, Schema
from proscribe.sources.us_ofac.map import (
    no_value,
    ofac_country,
    party_name,
    place_country,
    schema_of,
    split_country_suffix,
    split_programs,
)


@pytest.mark.parametrize(
    ("party_type", "schema"),
    [
        ("individual", Schema.PERSON),
        ("Individual", Schema.PERSON),
        ("vessel", Schema.VESSEL),
        ("aircraft", Schema.AIRPLANE),
        ("-0- ", Schema.ORGANIZATION),
        (None, Schema.ORGANIZATION),
        ("Entity", Schema.ORGANIZATION),
        ("spaceship", None),
    ],
)
def test_schema_of(party_type: str | None, schema: Schema | None) -> None:
    assert schema_of(party_type) is schema


def test_split_programs() -> None:
    assert split_programs("SDNTK] [FTO] [SDGT") == ("SDNTK", "FTO", "SDGT")
    assert split_programs("[DPRK2]") == ("DPRK2",)
    assert split_programs("SDGT] [SDGT") == ("SDGT",)
    assert split_programs(None) == ()


def test_party_name() -> None:
    assert party_name("CHOE, Ryong Hae", NameKind.PRIMARY, Schema.PERSON) == Name(
        "CHOE, Ryong Hae", NameKind.PRIMARY, first="Ryong Hae", last="CHOE"
    )
    assert party_name("SMITH, John, Jr.", NameKind.ALIAS, Schema.PERSON) == Name(
        "SMITH, John, Jr.", NameKind.ALIAS, first="John, Jr.", last="SMITH"
    )
    assert party_name("ABU SAYYAF", NameKind.PRIMARY, Schema.PERSON) == Name("ABU SAYYAF")
    assert party_name("ANGLO-CARIBBEAN CO., LTD.", NameKind.PRIMARY, Schema.ORGANIZATION) == (
        Name("ANGLO-CARIBBEAN CO., LTD.")
    )


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Korea, North", "kp"),
        ("Congo, Democratic Republic of the", "cd"),
        ("Virgin Islands, British", "vg"),
        ("North Macedonia, The Republic of", "mk"),
        ("Burma", "mm"),
        ("Region: Crimea", "ua"),
        ("St. Kitts & Nevis", "kn"),
        ("None Identified", None),
        ("undetermined", None),
        ("Atlantis", None),
        (None, None),
    ],
)
def test_ofac_country(text: str | None, code: str | None) -> None:
    assert ofac_country(text) == code


@pytest.mark.parametrize(
    ("place", "code"),
    [
        ("Pyongyang, Korea, North", "kp"),
        ("Kinshasa, Congo, Democratic Republic of the", "cd"),
        ("Moscow, Russia", "ru"),
        ("Russia", "ru"),
        ("Goma, DRC", "cd"),
        ("Los Angeles, CA", None),  # a state code, not Canada
        ("Culiacan, Sinaloa", None),
    ],
)
def test_place_country(place: str, code: str | None) -> None:
    assert place_country(place) == code


def test_split_country_suffix() -> None:
    assert split_country_suffix("381310014 (Korea, North)") == ("381310014", "kp", "Korea, North")
    assert split_country_suffix("HRA 738077 (Stuttgart)") == ("HRA 738077 (Stuttgart)", None, None)
    assert split_country_suffix("D489833(9) (Hong Kong)") == ("D489833(9)", "hk", "Hong Kong")
    assert split_country_suffix("12345") == ("12345", None, None)


def test_no_value() -> None:
    assert all(no_value(text) for text in ("-0- ", " None Identified ", "Unknown", "", None))
    assert not no_value("Panama")
