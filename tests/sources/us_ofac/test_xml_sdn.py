"""OFAC's classic XML (`consolidated.xml`, `sdn.xml`) reads into the right entities.

Protects: the record counts, publication dates and schema counts of the two real consolidated
files (2018 and 2024 namespaces); exact mapping of an entity, an individual and a vessel from
each (names with kinds, dates, countries, identifiers, vessel facts, programmes); the list
chosen by file name; strictness on uids, dates and types; truncated and hostile files.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from proscribe.errors import FormatNotRecognisedError, ParseError, UnsafeInputError
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
from proscribe.sources.us_ofac.xml_formats import XML_FORMATS, OfacXmlFormat
from tests.conftest import read_folder

SDN_XML, CONS_XML = XML_FORMATS[0], XML_FORMATS[1]
CONS = "us_ofac_cons"
JCPOA_URL = "https://www.treasury.gov/resource-center/sanctions/Programs/Documents/jcpoa_faqs.pdf"
EO13599_PERSON = (
    "Not on the SDN List and Not Subject to Secondary Sanctions; U.S. Persons Must Continue to "
    "Block the Property and Interests in Property of this Person Pursuant to Executive Order 13599"
)
EO13599_VESSEL = (
    "Not on the SDN List and Not Subject to Secondary Sanctions; U.S. Persons Must Continue to "
    "Block this Property and Interests in this Property Pursuant to Executive Order 13599"
)
_parsed: dict[str, ParsedList] = {}


def parsed(data_dir: Path, snapshot: str) -> ParsedList:
    """Each real file is read once per test session."""
    if snapshot not in _parsed:
        _parsed[snapshot] = CONS_XML.parse(read_folder(data_dir / CONS / snapshot))
    return _parsed[snapshot]


def entity(data_dir: Path, snapshot: str, uid: str) -> Entity:
    found = [item for item in parsed(data_dir, snapshot).entities if item.id == uid]
    assert len(found) == 1
    return found[0]


# --- the real files ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("snapshot", "published", "counts"),
    [
        ("2018-04-06", "2018-04-06", {"Person": 94, "Organization": 471, "Vessel": 74}),
        ("2024-05-06", "2024-05-06", {"Person": 79, "Organization": 364}),
    ],
)
def test_counts_and_dates_match_the_published_files(
    data_dir: Path, snapshot: str, published: str, counts: dict[str, int]
) -> None:
    result = parsed(data_dir, snapshot)
    total = sum(counts.values())
    assert len(result.entities) == total
    assert result.stated_count == total
    assert Counter(item.schema.value for item in result.entities) == counts
    assert result.published is not None
    assert result.published.isoformat() == published
    assert (result.source, result.format, result.scope) == (CONS, "ofac_xml", "")
    assert result.files == ("consolidated.xml",)
    assert result.notes == ()
    assert len({item.id for item in result.entities}) == total


def test_an_entity_with_aliases_addresses_and_notes(data_dir: Path) -> None:
    assert entity(data_dir, "2018-04-06", "4632") == Entity(
        source=CONS,
        id="4632",
        schema=Schema.ORGANIZATION,
        names=(
            Name("BANK MARKAZI JOMHOURI ISLAMI IRAN"),
            Name("CENTRAL BANK OF THE ISLAMIC REPUBLIC OF IRAN", NameKind.ALIAS),
            Name("BANK MARKAZI IRAN", NameKind.ALIAS),
            Name("CENTRAL BANK OF IRAN", NameKind.ALIAS),
        ),
        designation=Designation(source=CONS, programs=("IRAN",)),
        countries=(Country("ir", CountryRole.ADDRESS),),
        addresses=(
            Address(
                "PO Box 15875/7177, 144 Mirdamad Blvd, Tehran, Iran",
                street="PO Box 15875/7177, 144 Mirdamad Blvd",
                city="Tehran",
                country="ir",
            ),
            Address(
                "213 Ferdowsi Avenue, Tehran, 11365, Iran",
                street="213 Ferdowsi Avenue",
                city="Tehran",
                postal_code="11365",
                country="ir",
            ),
        ),
        extra={"secondarySanctions": (EO13599_PERSON,), "sourceUrl": (JCPOA_URL,)},
    )


def test_an_individual_with_passports_and_a_birth_date(data_dir: Path) -> None:
    assert entity(data_dir, "2018-04-06", "15961") == Entity(
        source=CONS,
        id="15961",
        schema=Schema.PERSON,
        names=(
            Name("JASHNSAZ, Seifollah", first="Seifollah", last="JASHNSAZ"),
            Name("JASHNSAZ, Seyfollah", NameKind.ALIAS, first="Seyfollah", last="JASHNSAZ"),
            Name("JASHN SAZ, Seifollah", NameKind.ALIAS, first="Seifollah", last="JASHN SAZ"),
        ),
        designation=Designation(
            source=CONS,
            programs=("IRAN",),
            remarks="Chairman of the Board of Directors, Iranian Oil Company (U.K.) Limited; "
            "Chairman & Director, Petro Suisse Intertrade Company",
        ),
        birth_dates=(DateSpec(PartialDate(1958, 3, 22)),),
        birth_places=("Behbahan, Iran",),
        countries=(Country("ir", CountryRole.NATIONALITY), Country("ir", CountryRole.BIRTH_PLACE)),
        identifiers=(
            Identifier(IdentifierType.PASSPORT, "R17589399", "ir", "Passport"),
            Identifier(IdentifierType.PASSPORT, "T23700825", "ir", "Passport"),
        ),
        extra={
            "position": (
                "Chairman & Director, Naftiran Intertrade Co. (NICO) Sarl; Chairman & Director, "
                "Naft Iran Intertrade Company Ltd.; Director, Hong Kong Intertrade Company",
            ),
            "secondarySanctions": (EO13599_PERSON,),
            "sourceUrl": (JCPOA_URL,),
        },
    )


def test_a_vessel_with_former_names_flags_and_tonnage(data_dir: Path) -> None:
    assert entity(data_dir, "2018-04-06", "15036") == Entity(
        source=CONS,
        id="15036",
        schema=Schema.VESSEL,
        names=(
            Name("SHONA"),
            Name("ABADAN", NameKind.FORMER),
            Name("ALPHA", NameKind.FORMER),
        ),
        designation=Designation(
            source=CONS,
            programs=("IRAN",),
            remarks="(Linked To: NATIONAL IRANIAN TANKER COMPANY)",
        ),
        countries=(Country("tz", CountryRole.FLAG),),
        identifiers=(
            Identifier(IdentifierType.MMSI, "572469210", None, "MMSI"),
            Identifier(IdentifierType.IMO, "9187629", None, "Vessel Registration Identification"),
            Identifier(IdentifierType.CALL_SIGN, "T2EU4", None, "Call Sign"),
        ),
        links=(Link("NATIONAL IRANIAN TANKER COMPANY"),),
        extra={
            # "None Identified" among the former flags states an absence and is not kept.
            "pastFlags": ("mt", "tv"),
            "sourceUrl": (JCPOA_URL,),
            "secondarySanctions": (EO13599_VESSEL,),
            "type": ("Crude/Oil Products Tanker",),
            "tonnage": ("99144",),
            "grossRegisteredTonnage": ("56068",),
        },
    )


def test_2024_individual_with_gender_weak_aliases_and_an_unresolvable_address(
    data_dir: Path,
) -> None:
    assert entity(data_dir, "2024-05-06", "9647") == Entity(
        source=CONS,
        id="9647",
        schema=Schema.PERSON,
        names=(
            Name("ZAHHAR, Mahmoud Khaled", first="Mahmoud Khaled", last="ZAHHAR"),
            Name(
                "AL ZAHAR, Mahmoud Khaled", NameKind.ALIAS, first="Mahmoud Khaled", last="AL ZAHAR"
            ),
            # OFAC wrote these whole names in lastName: no parts are invented.
            Name("ZAHAR, Mahmoud", NameKind.WEAK_ALIAS),
            Name("AL-ZAHAR, Mahmoud", NameKind.WEAK_ALIAS),
        ),
        designation=Designation(
            source=CONS, programs=("NS-PLC", "SDGT"), remarks="(Linked To: HAMAS)"
        ),
        birth_dates=(DateSpec(PartialDate(1945)),),
        birth_places=("Gaza Strip",),
        gender="male",
        countries=(Country("ps", CountryRole.NATIONALITY), Country("ps", CountryRole.BIRTH_PLACE)),
        addresses=(Address("Region: Gaza"),),
        links=(Link("HAMAS"),),
        extra={
            "secondarySanctions": (
                "section 1(b) of Executive Order 13224, as amended by Executive Order 13886",
            )
        },
    )


def test_2024_company_with_securities_and_directive_notes(data_dir: Path) -> None:
    item = entity(data_dir, "2024-05-06", "30882")
    assert item.names[0] == Name("CHINA TELECOM CORPORATION LIMITED")
    assert item.designation.programs == ("CMIC-EO13959",)
    assert item.identifiers[:2] == (
        Identifier(
            IdentifierType.REGISTRATION,
            "9111000071093019X7",
            "cn",
            "Unified Social Credit Code (USCC)",
        ),
        Identifier(IdentifierType.OTHER, "US1694261033", None, "ISIN"),
    )
    assert item.extra["legalForm"] == ("Public Company",)
    assert item.extra["ticker"][:2] == ("CHA US", "CHA RU")
    assert "Listing Date (CMIC): 03 Jun 2021" in item.extra["notes"]
    assert item.links == (Link("CHINA TELECOMMUNICATIONS CORPORATION"),)


def test_the_2018_file_reads_the_same_with_the_csv_set_beside_it(data_dir: Path) -> None:
    files = read_folder(data_dir / CONS / "2018-04-06")
    assert CONS_XML.claim(files) == ("consolidated.xml",)
    assert SDN_XML.claim(files) == ()


# --- hand-written edge cases ------------------------------------------------------------------

NS = "http://tempuri.org/sdnList.xsd"


def sdn_list(entries: str, *, date: str = "04/06/2018", count: str = "1") -> bytes:
    return (
        f'<?xml version="1.0" standalone="yes"?>\n<sdnList xmlns="{NS}">\n'
        f"  <publshInformation><Publish_Date>{date}</Publish_Date>"
        f"<Record_Count>{count}</Record_Count></publshInformation>\n{entries}</sdnList>\n"
    ).encode()


def entry(uid: str = "<uid>1</uid>", body: str = "") -> str:
    return (
        f"  <sdnEntry>\n    {uid}\n    <lastName>DOE</lastName>\n    <firstName>John</firstName>\n"
        f"    <sdnType>Individual</sdnType>\n{body}  </sdnEntry>\n"
    )


def test_the_file_name_decides_between_sdn_and_consolidated() -> None:
    data = sdn_list(entry())
    files = {"sdn.xml": data, "consolidated.xml": data, "cons_2024.xml": data}
    assert SDN_XML.claim(files) == ("sdn.xml",)
    assert CONS_XML.claim(files) == ("consolidated.xml", "cons_2024.xml")
    result = SDN_XML.parse({"sdn.xml": data})
    assert result.source == "us_ofac_sdn"
    assert result.entities[0].source == "us_ofac_sdn"
    assert result.entities[0].designation.source == "us_ofac_sdn"
    assert result.published is not None
    assert result.published.isoformat() == "2018-04-06"


def test_publish_date_is_month_first() -> None:
    result = SDN_XML.parse({"sdn.xml": sdn_list(entry(), date="12/01/2020")})
    assert result.published is not None
    assert result.published.isoformat() == "2020-12-01"


def test_missing_uid_names_field_and_line() -> None:
    with pytest.raises(ParseError) as caught:
        SDN_XML.parse({"sdn.xml": sdn_list(entry(uid=""))})
    assert caught.value.detail == {"file": "sdn.xml", "line": 4, "field": "uid"}


def test_duplicate_uid_is_refused() -> None:
    with pytest.raises(ParseError) as caught:
        SDN_XML.parse({"sdn.xml": sdn_list(entry() + entry(), count="2")})
    assert caught.value.detail == {"file": "sdn.xml", "line": 10, "field": "uid"}


def test_unreadable_date_of_birth_is_refused() -> None:
    body = (
        "    <dateOfBirthList><dateOfBirthItem><dateOfBirth>sometime</dateOfBirth>"
        "</dateOfBirthItem></dateOfBirthList>\n"
    )
    with pytest.raises(ParseError) as caught:
        SDN_XML.parse({"sdn.xml": sdn_list(entry(body=body))})
    assert caught.value.detail == {"file": "sdn.xml", "line": 4, "field": "dateOfBirth"}


def test_unknown_party_type_is_refused() -> None:
    data = sdn_list(entry()).replace(b"Individual", b"Spaceship")
    with pytest.raises(ParseError) as caught:
        SDN_XML.parse({"sdn.xml": data})
    assert caught.value.detail["field"] == "sdnType"


def test_unreadable_publish_date_is_refused() -> None:
    with pytest.raises(ParseError) as caught:
        SDN_XML.parse({"sdn.xml": sdn_list(entry(), date="2018-13-45")})
    assert caught.value.detail["field"] == "Publish_Date"


def test_a_count_that_disagrees_is_reported() -> None:
    result = SDN_XML.parse({"sdn.xml": sdn_list(entry(), count="2")})
    assert result.stated_count == 2
    assert result.notes == ("sdn.xml states 2 records but holds 1",)


def test_truncated_file_is_a_parse_error_with_file_and_line(data_dir: Path) -> None:
    data = (data_dir / CONS / "2018-04-06" / "consolidated.xml").read_bytes()
    with pytest.raises(ParseError) as caught:
        CONS_XML.parse({"consolidated.xml": data[: len(data) // 2]})
    assert caught.value.detail["file"] == "consolidated.xml"
    assert caught.value.detail["line"] > 10_000


def test_entity_expansion_is_refused() -> None:
    data = (
        b'<?xml version="1.0"?>\n<!DOCTYPE sdnList [<!ENTITY a "aaaaaaaaaa">'
        b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>\n'
        b"<sdnList><sdnEntry><uid>1</uid><lastName>&b;</lastName>"
        b"<sdnType>Entity</sdnType></sdnEntry></sdnList>"
    )
    assert SDN_XML.claim({"sdn.xml": data}) == ("sdn.xml",)
    with pytest.raises(UnsafeInputError):
        SDN_XML.parse({"sdn.xml": data})


def test_several_files_of_one_list_are_refused() -> None:
    data = sdn_list(entry())
    with pytest.raises(ParseError, match="one at a time"):
        CONS_XML.parse({"cons_a.xml": data, "cons_b.xml": data})


def test_no_file_of_the_format_is_not_recognised() -> None:
    with pytest.raises(FormatNotRecognisedError):
        OfacXmlFormat(CONS).parse({"cons_prim.csv": b'1,"X",-0- ,"IRAN"'})
