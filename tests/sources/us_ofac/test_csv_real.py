"""OFAC's legacy CSV sets, read from the real published files.

Protects: the exact record count and per-type split of all seven SDN snapshots and both
consolidated CSV snapshots; which files each format claims; the exact mapping of the three
people of the seed article (uids 23213, 23212, 26168), of a vessel, of an entity with links
and weak aliases, of a passport with its issuing country and of an aircraft; remarks
continued in sdn_comments.csv; remarks cut short when that file is absent; and the time the
largest full set takes to load.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from proscribe.model import (
    Country,
    CountryRole,
    DateSpec,
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
from proscribe.sources.us_ofac import FORMATS
from proscribe.sources.us_ofac.csv_formats import CONS_CSV, SDN_CSV
from tests.conftest import read_folder

SDN, CONS = "us_ofac_sdn", "us_ofac_cons"
NK_SECONDARY = (
    "Secondary sanctions risk: North Korea Sanctions Regulations, sections 510.201 and 510.210"
)

# snapshot -> (records, individuals, entities, vessels, aircraft), as the data README gives them
SDN_COUNTS = {
    "2015-01-17": (5876, 2824, 2620, 264, 168),
    "2019-01-04": (7379, 3845, 2994, 323, 217),
    "2021-04-25": (8890, 4566, 3644, 403, 277),
    "2021-07-07": (8976, 4620, 3673, 406, 277),
    "2022-02-23": (9121, 4659, 3757, 425, 280),
    "2022-02-25": (9214, 4675, 3834, 425, 280),
    "2024-05-03": (14965, 6854, 6884, 851, 376),
}
CONS_COUNTS = {"2018-04-06": (639, 94, 471, 74, 0), "2025-12-19": (442, 79, 363, 0, 0)}
FULL_SET = ("sdn.csv", "alt.csv", "add.csv", "sdn_comments.csv")
CLAIMS = {
    "2015-01-17": ("sdn.csv",),
    "2019-01-04": FULL_SET,
    "2021-04-25": ("sdn.csv", "alt.csv", "add.csv"),
    "2021-07-07": FULL_SET,
    "2022-02-23": ("sdn.csv",),
    "2022-02-25": ("sdn.csv",),
    "2024-05-03": ("sdn.csv",),
}
_parsed: dict[tuple[str, str], ParsedList] = {}


def parsed(data_dir: Path, source: str, snapshot: str) -> ParsedList:
    """Each real set is read once per test session."""
    key = (source, snapshot)
    if key not in _parsed:
        fmt = SDN_CSV if source == SDN else CONS_CSV
        _parsed[key] = fmt.parse(read_folder(data_dir / source / snapshot))
    return _parsed[key]


def entity(data_dir: Path, uid: str, snapshot: str = "2019-01-04", source: str = SDN) -> Entity:
    found = [item for item in parsed(data_dir, source, snapshot).entities if item.id == uid]
    assert len(found) == 1
    return found[0]


def split(result: ParsedList) -> tuple[int, int, int, int, int]:
    schemas = Counter(item.schema for item in result.entities)
    return (
        len(result.entities),
        schemas[Schema.PERSON],
        schemas[Schema.ORGANIZATION],
        schemas[Schema.VESSEL],
        schemas[Schema.AIRPLANE],
    )


def test_formats_are_exported_with_their_names() -> None:
    assert FORMATS[:2] == (SDN_CSV, CONS_CSV)
    assert (SDN_CSV.source, SDN_CSV.name) == (SDN, "ofac_csv")
    assert (CONS_CSV.source, CONS_CSV.name) == (CONS, "ofac_csv")


@pytest.mark.parametrize("snapshot", sorted(SDN_COUNTS))
def test_sdn_counts_and_types(data_dir: Path, snapshot: str) -> None:
    result = parsed(data_dir, SDN, snapshot)
    assert split(result) == SDN_COUNTS[snapshot]
    assert (result.source, result.format, result.published) == (SDN, "ofac_csv", None)
    assert result.files == CLAIMS[snapshot]
    assert len({item.id for item in result.entities}) == len(result.entities)
    assert all(item.names[0].kind is NameKind.PRIMARY for item in result.entities)


@pytest.mark.parametrize("snapshot", sorted(CONS_COUNTS))
def test_cons_counts_and_types(data_dir: Path, snapshot: str) -> None:
    result = parsed(data_dir, CONS, snapshot)
    assert split(result) == CONS_COUNTS[snapshot]
    assert result.files == ("cons_prim.csv", "cons_alt.csv", "cons_add.csv", "cons_comments.csv")
    assert result.source == CONS


@pytest.mark.parametrize("snapshot", sorted(SDN_COUNTS))
def test_claims_the_sdn_files_present(data_dir: Path, snapshot: str) -> None:
    files = read_folder(data_dir / SDN / snapshot)
    assert SDN_CSV.claim(files) == CLAIMS[snapshot]
    assert CONS_CSV.claim(files) == ()


def test_cons_folder_with_xml_claims_only_the_csv_files(data_dir: Path) -> None:
    files = read_folder(data_dir / CONS / "2018-04-06")
    assert "consolidated.xml" in files
    assert "consolidated.xml" not in CONS_CSV.claim(files)
    assert SDN_CSV.claim(files) == ()
    assert CONS_CSV.claim(read_folder(data_dir / CONS / "2024-05-06")) == ()


def test_choe_ryong_hae(data_dir: Path) -> None:
    choe = entity(data_dir, "23213")
    assert choe.schema is Schema.PERSON
    assert choe.names == (
        Name("CHOE, Ryong Hae", NameKind.PRIMARY, first="Ryong Hae", last="CHOE"),
        Name("CH'OE, Ryong-hae", NameKind.ALIAS, first="Ryong-hae", last="CH'OE"),
    )
    assert choe.designation.programs == ("DPRK2",)
    assert choe.birth_dates == (DateSpec(PartialDate(1950, 1, 15)),)
    assert choe.gender == "male"
    assert choe.extra["position"] == (
        "Director of the Workers' Party of Korea Organization and Guidance Department",
    )
    assert choe.extra["secondarySanctions"] == (NK_SECONDARY,)
    assert choe.designation.remarks is not None
    assert choe.designation.remarks.startswith("DOB 15 Jan 1950; Gender Male; ")
    assert choe.addresses == ()  # its add.csv row is all `-0-`


def test_jong_kyong_thaek(data_dir: Path) -> None:
    jong = entity(data_dir, "23212")
    assert jong.caption == "JONG, Kyong Thaek"
    assert jong.birth_dates == (DateSpec(PartialDate(1961, 1, 1), PartialDate(1963, 12, 31)),)
    assert jong.birth_dates[0].years() == (1961, 1963)
    assert Name("CHO'NG, Kyo'ng-t'aek", NameKind.ALIAS, first="Kyo'ng-t'aek", last="CHO'NG") in (
        jong.names
    )
    assert jong.countries == (Country("kp", CountryRole.ADDRESS),)
    assert jong.addresses[0].full == "Pyongyang, Korea, North"
    assert jong.extra["position"] == ("Minister of State Security",)


def test_pak_kwang_ho(data_dir: Path) -> None:
    pak = entity(data_dir, "26168")
    assert pak.birth_dates[0].iso == "1946-01-01/1948-12-31"
    assert [name.full for name in pak.names_of(NameKind.ALIAS)] == ["PAK, Kwang-ho"]
    assert pak.gender == "male"


def test_seed_people_are_absent_in_2015(data_dir: Path) -> None:
    ids = {item.id for item in parsed(data_dir, SDN, "2015-01-17").entities}
    assert {"23213", "23212", "26168"}.isdisjoint(ids)


def test_vessel_with_imo_flag_and_former_names(data_dir: Path) -> None:
    vessel = entity(data_dir, "15036")
    assert (vessel.schema, vessel.caption) == (Schema.VESSEL, "ARTAVIL")
    assert vessel.countries == (Country("ir", CountryRole.FLAG),)
    assert vessel.identifiers == (
        Identifier(IdentifierType.CALL_SIGN, "T2EU4", None, "Call Sign"),
        Identifier(IdentifierType.IMO, "9187629", None, "Vessel Registration Identification IMO"),
        Identifier(IdentifierType.MMSI, "572469210", None, "MMSI"),
    )
    assert [name.full for name in vessel.names_of(NameKind.FORMER)] == ["ABADAN", "ALPHA", "SHONA"]
    assert dict(vessel.extra) == {
        "type": ("Crude/Oil Products Tanker",),
        "tonnage": ("99,144",),
        "grossRegisteredTonnage": ("56,068",),
        "pastFlags": ("mt", "tv", "tz"),  # "None Identified" is not a flag
        "secondarySanctions": (
            "Additional Sanctions Information - Subject to Secondary Sanctions",
        ),
    }
    assert vessel.links == (Link("NATIONAL IRANIAN TANKER COMPANY", "linked_to", "15117"),)


def test_entity_with_links_and_weak_aliases(data_dir: Path) -> None:
    basij = entity(data_dir, "12727")
    assert basij.schema is Schema.ORGANIZATION
    assert basij.designation.programs == ("SDGT", "IRGC", "IFSR", "IRAN-HR")
    assert [name.full for name in basij.names_of(NameKind.WEAK_ALIAS)] == [
        "NATIONAL RESISTANCE MOBILIZATION",
        "RESISTANCE MOBILIZATION FORCE",
        "NATIONAL MOBILIZATION ORGANIZATION",  # a remarks f.k.a.: weak like every remarks name
    ]
    assert "BASIJ" in [name.full for name in basij.names_of(NameKind.ALIAS)]
    assert [link.target for link in basij.links] == [
        "ISLAMIC REVOLUTIONARY GUARD CORPS (IRGC)-QODS FORCE",
        "ISLAMIC REVOLUTIONARY GUARD CORPS",
    ]
    assert all(link.target_id for link in basij.links)


def test_passport_with_country(data_dir: Path) -> None:
    hwang = entity(data_dir, "18552")
    assert hwang.identifiers == (
        Identifier(IdentifierType.PASSPORT, "472220033", "kp", "Passport"),
    )
    assert hwang.countries == (Country("kp", CountryRole.NATIONALITY),)
    assert hwang.birth_dates == (DateSpec(PartialDate(1955, 4, 6)),)
    # An expiry date is cut off the number and stays in the remarks.
    ko = entity(data_dir, "18555")
    assert ko.identifiers == (Identifier(IdentifierType.PASSPORT, "563120630", "kp", "Passport"),)


def test_aircraft(data_dir: Path) -> None:
    plane = entity(data_dir, "15431")
    assert (plane.schema, plane.caption) == (Schema.AIRPLANE, "EP-GOM")
    assert (
        Identifier(
            IdentifierType.AIRCRAFT_SERIAL,
            "1023409321",
            None,
            "Aircraft Manufacturer's Serial Number (MSN)",
        )
        in plane.identifiers
    )
    assert dict(plane.extra) == {
        "buildDate": ("1992",),
        "model": ("IL76-TD",),
        "operator": ("YAS AIR",),
    }


def test_remarks_continue_in_comments_file(data_dir: Path) -> None:
    """uid 12300's remarks stop mid-name ("PROMO RAI") and go on in sdn_comments.csv."""
    person = entity(data_dir, "12300")
    remarks = person.designation.remarks or ""
    assert len(remarks) > 1000
    assert "Linked To: PROMO RAIZ S.A.S.; Linked To: RED MUNDIAL" in remarks
    assert Link("PROMO RAIZ S.A.S.", "linked_to", "12396") in person.links
    assert parsed(data_dir, SDN, "2019-01-04").notes == ()


def test_cut_remarks_are_noted_without_comments_file(data_dir: Path) -> None:
    result = parsed(data_dir, SDN, "2021-04-25")
    assert len(result.notes) == 1
    assert result.notes[0].startswith("7 remarks were cut at 1,000 characters")


def test_cons_entity_with_continued_note(data_dir: Path) -> None:
    bank = entity(data_dir, "4637", "2018-04-06", CONS)
    assert bank.names[1:] == (
        Name("BANK SANAD VA MADAN", NameKind.ALIAS),
        Name("BIM", NameKind.WEAK_ALIAS),
    )
    note = bank.extra["secondarySanctions"][0]
    assert note.startswith("Additional Sanctions Information - Not on the SDN List")
    assert note.endswith("Pursuant to Executive Order 13599")
    assert bank.extra["sourceUrl"] == (
        "https://www.treasury.gov/resource-center/sanctions/Programs/Documents/jcpoa_faqs.pdf",
    )


def test_a_set_without_its_alias_and_address_files_says_so(data_dir: Path) -> None:
    # The 2022 snapshots hold sdn.csv alone: their entries have no aliases and no addresses,
    # which a comparison with 2021 would read as every one of them removed.
    notes = parsed(data_dir, SDN, "2022-02-23").notes[-2:]
    assert [note.split(" was not supplied")[0] for note in notes] == ["alt.csv", "add.csv"]
    assert "holds no aliases" in notes[0]
    assert not [n for n in parsed(data_dir, SDN, "2021-04-25").notes if "holds no" in n]
