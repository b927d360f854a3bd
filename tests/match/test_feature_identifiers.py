"""Identifiers: normalisation, typed and untyped matching, contradictions, IMO check digits."""

from __future__ import annotations

import pytest

from proscribe.match.features import identifier_match, identifier_mismatch
from proscribe.match.features.identifiers import imo_is_valid, normalise_identifier
from proscribe.model import Identifier, IdentifierType, QueryIdentifier, Schema
from tests.match.feature_pairs import CONFIG, make_pair
from tests.store.factory import make_entity

PASSPORT, NATIONAL_ID, IMO = IdentifierType.PASSPORT, IdentifierType.NATIONAL_ID, IdentifierType.IMO
OTHER, MMSI = IdentifierType.OTHER, IdentifierType.MMSI


def _both(
    query: list[tuple[str, IdentifierType | None]],
    listed: list[tuple[IdentifierType, str]],
    schema: Schema = Schema.PERSON,
) -> tuple[float, float]:
    entity = make_entity(schema, identifiers=tuple(Identifier(t, v) for t, v in listed))
    pair = make_pair(entity, identifiers=tuple(QueryIdentifier(v, t) for v, t in query))
    return identifier_match(pair, CONFIG).value, identifier_mismatch(pair, CONFIG).value


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("381310014", "381310014"),
        ("imo 9187629", "9187629"),
        ("IMO9187629", "9187629"),
        ("IMO: 9187629", "9187629"),
        ("IMO No. 9187629", "9187629"),
        ("Passport No. P-00.123/4", "P001234"),
        ("800146749-7", "8001467497"),
        ("0012 345", "0012345"),  # leading zeros are part of the number
        ("NO12345", "NO12345"),  # letters glued to a passport number stay
        ("IMO", "IMO"),
        (" - ", ""),
    ],
)
def test_normalise_identifier(value: str, expected: str) -> None:
    assert normalise_identifier(value) == expected


@pytest.mark.parametrize(
    ("query", "listed", "expected"),
    [
        ([("381310014", PASSPORT)], [(PASSPORT, "381310014")], (1.0, 0.0)),
        ([("381 310 014", None)], [(PASSPORT, "381310014")], (1.0, 0.0)),  # untyped: any type
        ([("381310014", None)], [(NATIONAL_ID, "381310014")], (1.0, 0.0)),
        ([("381310014", PASSPORT)], [(OTHER, "381-310-014")], (1.0, 0.0)),  # list gave no type
        ([("381310014", NATIONAL_ID)], [(PASSPORT, "381310014")], (0.0, 0.0)),  # other types
        ([("381310015", PASSPORT)], [(PASSPORT, "381310014")], (0.0, -1.0)),
        ([("381310015", PASSPORT)], [(PASSPORT, "1"), (PASSPORT, "381310015")], (1.0, 0.0)),
        ([("381310015", PASSPORT)], [(NATIONAL_ID, "381310014")], (0.0, 0.0)),  # not stated
        ([("381310015", None)], [(PASSPORT, "381310014")], (0.0, 0.0)),  # untyped: no claim
        ([("381310015", OTHER)], [(OTHER, "381310014")], (0.0, 0.0)),  # "other" claims nothing
        ([("000123", PASSPORT)], [(PASSPORT, "123")], (0.0, -1.0)),  # zeros kept
        # An equal identifier outweighs a differing one: several passports are common.
        ([("1", PASSPORT), ("381310014", None)], [(PASSPORT, "381310014")], (1.0, 0.0)),
        (
            [("381310014", PASSPORT), ("7", NATIONAL_ID)],
            [(PASSPORT, "381310014"), (NATIONAL_ID, "8")],
            (1.0, 0.0),
        ),
    ],
)
def test_typed_and_untyped(
    query: list[tuple[str, IdentifierType | None]],
    listed: list[tuple[IdentifierType, str]],
    expected: tuple[float, float],
) -> None:
    assert _both(query, listed) == expected


# Real IMO ship numbers of SDN vessels (2019-01-04): ARTAVIL 9187629, ARK 9187655,
# ARGO I 9187667. For 9187629: 9*7 + 1*6 + 8*5 + 7*4 + 6*3 + 2*2 = 159, last digit 9.
@pytest.mark.parametrize("value", ["9187629", "9187655", "9187667", "9187643", "9187631"])
def test_imo_numbers_from_the_list_are_valid(value: str) -> None:
    assert imo_is_valid(value)


@pytest.mark.parametrize(
    "value",
    [
        "9187628",  # check digit off by one
        "9817629",  # two digits transposed
        "5342883",  # an IMO *company* number (SDN 17067): another rule
        "918762",
        "91876290",
        "IMO9187629",
        "918762٩",  # an Arabic-Indic digit is a digit to str.isdigit, not to IMO
        "",
    ],
)
def test_invalid_imo_numbers(value: str) -> None:
    assert not imo_is_valid(value)


def test_imo_numbers_on_vessels() -> None:
    vessel = [(IMO, "9187629"), (MMSI, "572469210")]
    assert _both([("IMO 9187629", None)], vessel, Schema.VESSEL) == (1.0, 0.0)
    assert _both([("9187629", IMO)], vessel, Schema.VESSEL) == (1.0, 0.0)
    assert _both([("9187655", IMO)], vessel, Schema.VESSEL) == (0.0, -1.0)
    # Untyped but a valid IMO number: still a contradiction.
    assert _both([("9187655", None)], vessel, Schema.VESSEL) == (0.0, -1.0)
    # Untyped 7 digits failing the check digit: could be anything, no claim.
    assert _both([("9187656", None)], vessel, Schema.VESSEL) == (0.0, 0.0)
    # Untyped but equal to another listed identifier: no contradiction.
    assert _both([("572469210", None)], vessel, Schema.VESSEL) == (1.0, 0.0)


def test_untyped_imo_never_contradicts_a_company_number() -> None:
    company = [(IMO, "5342883")]
    assert _both([("9187655", None)], company, Schema.ORGANIZATION) == (0.0, 0.0)


@pytest.mark.parametrize(
    ("query", "listed"),
    [([], [(PASSPORT, "381310014")]), ([("381310014", None)], []), ([("--", PASSPORT)], [])],
)
def test_nothing_to_compare(
    query: list[tuple[str, IdentifierType | None]], listed: list[tuple[IdentifierType, str]]
) -> None:
    entity = make_entity(identifiers=tuple(Identifier(t, v) for t, v in listed))
    pair = make_pair(entity, identifiers=tuple(QueryIdentifier(v, t) for v, t in query))
    for feature in (identifier_match, identifier_mismatch):
        result = feature(pair, CONFIG)
        assert (result.value, result.detail) == (0.0, "")


def test_empty_values_never_match() -> None:
    assert _both([("--", PASSPORT)], [(PASSPORT, "/")]) == (0.0, 0.0)


def _details(
    query: list[tuple[str, IdentifierType | None]],
    listed: list[tuple[IdentifierType, str]],
    schema: Schema = Schema.PERSON,
) -> tuple[str, str]:
    entity = make_entity(schema, identifiers=tuple(Identifier(t, v) for t, v in listed))
    pair = make_pair(entity, identifiers=tuple(QueryIdentifier(v, t) for v, t in query))
    return identifier_match(pair, CONFIG).detail, identifier_mismatch(pair, CONFIG).detail


def test_details() -> None:
    passports = [(PASSPORT, "381310014")]
    assert _details([("381 310 014", None)], passports) == ("passport 381310014 equal", "")
    assert _details([("381310015", PASSPORT)], passports) == (
        "",
        "passport 381310015 differs from listed 381310014",
    )
    assert _details([("imo 9187655", None)], [(IMO, "9187629")], Schema.VESSEL) == (
        "",
        "IMO 9187655 differs from listed 9187629",
    )
    many = [(NATIONAL_ID, value) for value in ("1", "2", "3", "4", "5")]
    assert _details([("9", NATIONAL_ID)], many)[1] == (
        "national ID 9 differs from listed 1, 2, 3 and 2 more"
    )
