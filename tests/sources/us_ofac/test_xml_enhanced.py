"""OFAC's enhanced XML (Sanctions List Service exports) reads into the right entities.

Protects: the counts, dates and scopes of the two real programme exports; exact mapping of an
individual with Arabic names and documents, an aircraft and an organisation with relationships
(names with kinds and scripts, date ranges and circa, countries via the reference table,
identifiers, listing dates, legal authorities); directional marks removed; code-table lookups
when a value is given only by reference; strictness on ids, dates and hostile or truncated files.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from proscribe.errors import ParseError, UnsafeInputError
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
)
from proscribe.sources.base import ParsedList
from proscribe.sources.us_ofac.xml_formats import XML_FORMATS
from tests.conftest import read_folder

ENHANCED = XML_FORMATS[2]
SDN = "us_ofac_sdn"
FOLDER = "us_ofac_enhanced_xml"
SECONDARY = {"secondarySanctions": ("Subject to Secondary Sanctions",)}
_parsed: dict[str, ParsedList] = {}


def parsed(data_dir: Path, snapshot: str) -> ParsedList:
    if snapshot not in _parsed:
        _parsed[snapshot] = ENHANCED.parse(read_folder(data_dir / FOLDER / snapshot))
    return _parsed[snapshot]


def entity(data_dir: Path, snapshot: str, uid: str) -> Entity:
    found = [item for item in parsed(data_dir, snapshot).entities if item.id == uid]
    assert len(found) == 1
    return found[0]


# --- the real files ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("snapshot", "file", "scope", "counts"),
    [
        ("2024-05-24", "yemen_sanctions.xml", "program=YEMEN", {"Person": 10}),
        (
            "2024-08-28",
            "IRGC_sanctions.xml",
            "program=IRGC",
            {"Person": 165, "Organization": 84, "Airplane": 44},
        ),
    ],
)
def test_counts_dates_and_scope_match_the_exports(
    data_dir: Path, snapshot: str, file: str, scope: str, counts: dict[str, int]
) -> None:
    result = parsed(data_dir, snapshot)
    assert Counter(item.schema.value for item in result.entities) == counts
    assert len({item.id for item in result.entities}) == sum(counts.values())
    assert result.published is not None
    assert result.published.isoformat() == snapshot
    assert (result.source, result.format, result.scope, result.files) == (
        SDN,
        "ofac_enhanced_xml",
        scope,
        (file,),
    )
    assert result.stated_count is None
    assert result.notes == ()
    assert {item.designation.source for item in result.entities} == {SDN}


def test_an_individual_with_arabic_names_and_documents(data_dir: Path) -> None:
    assert entity(data_dir, "2024-05-24", "30624") == Entity(
        source=SDN,
        id="30624",
        schema=Schema.PERSON,
        names=(
            Name("ZABIN, Sultan", first="Sultan", last="ZABIN"),
            Name(
                "ZABIN, Sultan Saleh Aida Aida",
                NameKind.ALIAS,
                first="Sultan Saleh Aida Aida",
                last="ZABIN",
            ),
            # The directional marks U+202B/U+202C around the Arabic text are gone.
            Name("سلطان صالح عیضة عیضة زابن", NameKind.ORIGINAL_SCRIPT, script="Arabic"),
            Name("SAQAR, Abu", NameKind.WEAK_ALIAS, first="Abu", last="SAQAR"),
            Name("SAGAR, Abu", NameKind.WEAK_ALIAS, first="Abu", last="SAGAR"),
            Name("ZABIN, Abu Saqer", NameKind.ALIAS, first="Abu Saqer", last="ZABIN"),
            Name("ابو صقر زابن", NameKind.ORIGINAL_SCRIPT, script="Arabic"),
            Name("ZABINYE, Sultan", NameKind.ALIAS, first="Sultan", last="ZABINYE"),
            Name("ZABEN, Sultan", NameKind.ALIAS, first="Sultan", last="ZABEN"),
            Name("ZABIN, Sultan Saleh", NameKind.ALIAS, first="Sultan Saleh", last="ZABIN"),
        ),
        designation=Designation(
            source=SDN,
            programs=("GLOMAG", "YEMEN"),
            listed_on=PartialDate(2020, 12, 10),
            authority="Executive Order 13611 (Yemen); Executive Order 13818 (Global Magnitsky)",
        ),
        birth_dates=(DateSpec(PartialDate(1986)),),
        birth_places=("Razih District, Sana’a, Yemen",),
        gender="male",
        countries=(
            Country("ye", CountryRole.NATIONALITY),
            Country("ye", CountryRole.BIRTH_PLACE),
            Country("ye", CountryRole.ADDRESS),
        ),
        identifiers=(
            Identifier(IdentifierType.NATIONAL_ID, "20322", "ye", "Identification Number"),
            Identifier(IdentifierType.NATIONAL_ID, "10010095104", "ye", "National ID No."),
        ),
        addresses=(Address("Sana'a, Yemen", city="Sana'a", country="ye"),),
        extra={"provisions": ("Block",)},
    )


def test_an_individual_with_a_month_range_birth_date_and_a_relationship(data_dir: Path) -> None:
    assert entity(data_dir, "2024-08-28", "39438") == Entity(
        source=SDN,
        id="39438",
        schema=Schema.PERSON,
        names=(
            Name("NEJAT, Hossein", first="Hossein", last="NEJAT"),
            Name("حسین نجات", NameKind.ORIGINAL_SCRIPT, script="Arabic"),
            Name(
                "ZIBAEE NEJAD, Mohammad Hossein",
                NameKind.ALIAS,
                first="Mohammad Hossein",
                last="ZIBAEE NEJAD",
            ),
            # U+200C (zero-width non-joiner) is part of Persian spelling and is kept.
            Name("محمدحسین زیبایی\u200cنژاد", NameKind.ORIGINAL_SCRIPT, script="Arabic"),
        ),
        designation=Designation(
            source=SDN,
            programs=("IFSR", "IRAN-HR", "IRGC"),
            listed_on=PartialDate(2022, 10, 6),
            authority="Executive Order 13553 (Iran)",
        ),
        birth_dates=(DateSpec(PartialDate(1955, 3), PartialDate(1956, 3)),),
        birth_places=("Shiraz, Iran",),
        gender="male",
        countries=(
            Country("ir", CountryRole.NATIONALITY),
            Country("ir", CountryRole.BIRTH_PLACE),
            Country("ir", CountryRole.ADDRESS),
        ),
        addresses=(Address("Tehran, Iran", city="Tehran", country="ir"),),
        links=(Link("ISLAMIC REVOLUTIONARY GUARD CORPS", "acting_for_or_on_behalf_of", "10391"),),
        extra={"position": ("IRGC Brigadier General",), "provisions": ("Block",), **SECONDARY},
    )


def test_an_aircraft(data_dir: Path) -> None:
    assert entity(data_dir, "2024-08-28", "24475") == Entity(
        source=SDN,
        id="24475",
        schema=Schema.AIRPLANE,
        names=(Name("EP-PUL"),),
        designation=Designation(
            source=SDN,
            programs=("IFSR", "IRGC", "SDGT"),
            listed_on=PartialDate(2018, 5, 24),
            authority="Executive Order 13224 (Terrorism)",
        ),
        identifiers=(
            Identifier(
                IdentifierType.AIRCRAFT_SERIAL,
                "33448393",
                None,
                "Aircraft Manufacturer’s Serial Number (MSN)",
            ),
        ),
        links=(Link("POUYA AIR", "owned_or_controlled_by", "13109"),),
        extra={
            **SECONDARY,
            "buildDate": ("1983",),
            "model": ("IL-76",),
            "operator": ("Pouya Air",),
            "provisions": ("Block",),
        },
    )


def test_an_organisation_with_a_former_name(data_dir: Path) -> None:
    assert entity(data_dir, "2024-08-28", "26528") == Entity(
        source=SDN,
        id="26528",
        schema=Schema.ORGANIZATION,
        names=(
            Name("ANSAR BANK BROKERAGE COMPANY"),
            Name("PAR GOSTAR KHOBREH", NameKind.FORMER),
        ),
        designation=Designation(
            source=SDN,
            programs=("IFSR", "IRGC", "SDGT"),
            listed_on=PartialDate(2019, 3, 26),
            authority="Executive Order 13224 (Terrorism)",
        ),
        countries=(Country("ir", CountryRole.ADDRESS),),
        identifiers=(
            Identifier(IdentifierType.REGISTRATION, "24467", "ir", "Business Registration Number"),
        ),
        addresses=(Address("Iran", country="ir"),),
        links=(Link("ANSAR BANK", "owned_or_controlled_by", "12478"),),
        extra={"provisions": ("Block",), **SECONDARY},
    )


def test_circa_birth_dates_and_crypto_addresses(data_dir: Path) -> None:
    assert entity(data_dir, "2024-08-28", "10860").birth_dates == (
        DateSpec(PartialDate(1952), circa=True),
    )
    wallets = [
        ident
        for item in parsed(data_dir, "2024-08-28").entities
        for ident in item.identifiers
        if ident.type is IdentifierType.CRYPTO_ADDRESS
    ]
    assert len(wallets) == 7
    assert {ident.label for ident in wallets} == {"Digital Currency Address - XBT"}


def test_no_directional_marks_survive(data_dir: Path) -> None:
    marks = set("\u202a\u202b\u202c\u202d\u202e\u200e\u200f")
    for item in parsed(data_dir, "2024-08-28").entities:
        assert not any(marks & set(name.full) for name in item.names), item.id


# --- hand-written edge cases ------------------------------------------------------------------

NS = "https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/ENHANCED_XML"
REFS = """
    <referenceValue refId="11109"><type>COUNTRY</type><value>Iran</value><isoCode>IR</isoCode>
    </referenceValue>
    <referenceValue refId="91526"><type>Gender</type><value>Male</value></referenceValue>
    <referenceValue refId="1550"><type>ENTITY LISTING TYPE</type><value>SDN List</value>
    </referenceValue>
    <referenceValue refId="91512"><type>ENTITY LISTING TYPE</type>
      <value>Consolidated List</value></referenceValue>"""


def export(entities: str, *, filters: str = "") -> bytes:
    return (
        f'<?xml version="1.0" encoding="utf-8"?>\n<sanctionsData xmlns="{NS}">\n'
        f"  <publicationInfo><dataAsOf>2024-08-28T00:00:00</dataAsOf>\n"
        f"    <filters>{filters}</filters></publicationInfo>\n"
        f"  <referenceValues>{REFS}\n  </referenceValues>\n"
        f"  <entities>\n{entities}  </entities>\n</sanctionsData>\n"
    ).encode()


def party(entity_id: str = ' id="7"', *, body: str = "", listing: str = "SDN List") -> str:
    return f"""    <entity{entity_id}>
      <generalInfo><entityType refId="600">Individual</entityType></generalInfo>
      <sanctionsLists><sanctionsList refId="1" datePublished="2020-01-02">{listing}</sanctionsList>
      </sanctionsLists>
      <names><name><isPrimary>true</isPrimary><isLowQuality>false</isLowQuality><translations>
        <translation><isPrimary>true</isPrimary><script>Latin</script>
          <formattedFirstName>John</formattedFirstName><formattedLastName>DOE</formattedLastName>
          <formattedFullName>DOE, John</formattedFullName></translation>
      </translations></name></names>
{body}    </entity>
"""


def test_values_given_only_by_reference_are_looked_up() -> None:
    body = """      <features>
        <feature><type>Gender</type><valueRefId>91526</valueRefId></feature>
        <feature><type>Nationality Country</type><valueRefId>11109</valueRefId></feature>
      </features>
      <identityDocuments><identityDocument><type>Passport</type>
        <documentNumber>A1</documentNumber><isValid>false</isValid>
        <issuingCountry refId="11109"/></identityDocument></identityDocuments>
"""
    result = ENHANCED.parse({"x.xml": export(party(body=body))})
    (item,) = result.entities
    assert item.gender == "male"
    assert item.countries == (Country("ir", CountryRole.NATIONALITY),)
    assert item.identifiers == (Identifier(IdentifierType.PASSPORT, "A1", "ir", "Passport"),)
    assert item.extra["notes"] == ("Passport A1: not valid",)
    assert item.designation.listed_on == PartialDate(2020, 1, 2)


def test_an_unfiltered_export_has_an_empty_scope_and_a_list_filter_is_recorded() -> None:
    every_list = (
        "<sanctionsLists><sanctionsList>SDN List</sanctionsList>"
        "<sanctionsList>Consolidated List</sanctionsList></sanctionsLists>"
    )
    assert ENHANCED.parse({"x.xml": export(party(), filters=every_list)}).scope == ""
    one_list = "<sanctionsLists><sanctionsList>Consolidated List</sanctionsList></sanctionsLists>"
    result = ENHANCED.parse({"x.xml": export(party(listing="Consolidated List"), filters=one_list)})
    assert result.scope == "list=Consolidated List"
    assert result.source == SDN
    assert result.entities[0].designation.source == "us_ofac_cons"
    assert result.notes == ("1 entries are on non-SDN lists only",)


def test_missing_entity_id_names_field_and_line() -> None:
    with pytest.raises(ParseError) as caught:
        ENHANCED.parse({"x.xml": export(party(entity_id=""))})
    assert caught.value.detail == {"file": "x.xml", "line": 15, "field": "id"}


def test_duplicate_entity_id_is_refused() -> None:
    with pytest.raises(ParseError) as caught:
        ENHANCED.parse({"x.xml": export(party() + party())})
    assert caught.value.detail["field"] == "id"


def test_unreadable_birth_date_names_field_and_line() -> None:
    body = "      <features><feature><type>Birthdate</type><value>someday</value></feature>\n"
    body += "      </features>\n"
    with pytest.raises(ParseError) as caught:
        ENHANCED.parse({"x.xml": export(party(body=body))})
    assert caught.value.detail == {"file": "x.xml", "line": 24, "field": "Birthdate"}


def test_truncated_file_is_a_parse_error_with_file_and_line(data_dir: Path) -> None:
    data = (data_dir / FOLDER / "2024-08-28" / "IRGC_sanctions.xml").read_bytes()
    with pytest.raises(ParseError) as caught:
        ENHANCED.parse({"IRGC_sanctions.xml": data[: len(data) // 3]})
    assert caught.value.detail["file"] == "IRGC_sanctions.xml"
    assert caught.value.detail["line"] > 1_000


def test_entity_expansion_is_refused() -> None:
    data = (
        b'<?xml version="1.0"?>\n<!DOCTYPE sanctionsData [<!ENTITY a "aaaaaaaaaa">]>\n'
        b"<sanctionsData><entities/>&a;</sanctionsData>"
    )
    assert ENHANCED.claim({"x.xml": data}) == ("x.xml",)
    with pytest.raises(UnsafeInputError):
        ENHANCED.parse({"x.xml": data})
