"""The OFSI Consolidated List CSV: the real 2018 file, golden entities, and malformed input."""

from __future__ import annotations

from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from proscribe.errors import ParseError
from proscribe.model import Entity, Schema
from proscribe.sources.base import ParsedList
from proscribe.sources.gb_hmt_ofsi import FORMATS
from proscribe.sources.gb_hmt_ofsi.parse_csv import COLUMNS, read_ofsi_csv
from tests.conftest import read_folder

FORMAT = FORMATS[0]
FOLDER = "uk_hmt_ofsi_conlist/2018-04-13"
FILE = "sanctionsconlist.csv"
AUTHORITY = "HM Treasury, Office of Financial Sanctions Implementation"


@pytest.fixture(scope="module")
def parsed(data_dir: Path) -> ParsedList:
    return FORMAT.parse(read_folder(data_dir / FOLDER))


@pytest.fixture(scope="module")
def by_id(parsed: ParsedList) -> dict[str, Entity]:
    return {entity.id: entity for entity in parsed.entities}


def test_real_file_counts_match_the_readme(parsed: ParsedList, data_dir: Path) -> None:
    rows = read_ofsi_csv((data_dir / FOLDER / FILE).read_bytes(), FILE).rows
    assert len(rows) == 9487
    assert len(parsed.entities) == 2106
    schemas = Counter(entity.schema for entity in parsed.entities)
    assert schemas[Schema.PERSON] == 1426
    # OFSI's 680 "Entity" groups: 25 of them are ships, told by their IMO number.
    assert schemas[Schema.ORGANIZATION] + schemas[Schema.VESSEL] == 680
    assert schemas[Schema.VESSEL] == 25


def test_real_file_metadata(parsed: ParsedList) -> None:
    assert (parsed.source, parsed.format, parsed.files) == ("gb_hmt_ofsi", "ofsi_csv", (FILE,))
    assert parsed.published == date(2018, 4, 13)
    assert parsed.stated_count is None


def test_every_entity_has_one_primary_name(parsed: ParsedList) -> None:
    for entity in parsed.entities:
        kinds = [name.kind.value for name in entity.names]
        assert kinds.count("primary") == 1, entity.id
        assert len({name.full for name in entity.names}) == len(entity.names), entity.id


GOLDEN: dict[str, dict[str, Any]] = {
    # Windows-1252 curly apostrophe in the remarks; a diplomatic passport without a country.
    "11909": {
        "source": "gb_hmt_ofsi",
        "id": "11909",
        "schema": "Person",
        "names": [
            {"full": "Maher AL-ASSAD", "kind": "primary", "first": "Maher", "last": "AL-ASSAD"},
            {"full": "Mahir AL-ASSAD", "kind": "alias", "first": "Mahir", "last": "AL-ASSAD"},
        ],
        "designation": {
            "source": "gb_hmt_ofsi",
            "programs": ["Syria"],
            "listed_on": "2011-05-10",
            "authority": AUTHORITY,
            "remarks": "Member of Baath Party Central Command. Brother of President Bashar "
            "Al-Assad. Former Brigadier Commander of the Army\u2019s 4th Armoured Division.",
        },
        "birth_dates": ["1967-12-08"],
        "birth_places": ["Damascus"],
        "identifiers": [{"type": "passport", "value": "4138", "label": "4138 (Diplomatic)"}],
        "extra": {
            "modifiedAt": ["2016-10-01"],
            "position": ["Major General of the 42nd Brigade"],
            "title": ["Major General"],
        },
    },
    # A numbered list of two national ids in one cell; a birth year only (00/00/1969).
    "7532": {
        "source": "gb_hmt_ofsi",
        "id": "7532",
        "schema": "Person",
        "names": [
            {
                "full": "Shams Ur-Rahman ABDUL ZAHIR",
                "kind": "primary",
                "first": "Shams Ur-Rahman",
                "last": "ABDUL ZAHIR",
            },
            {
                "full": "Shamsurrahman ABDURAHMAN",
                "kind": "alias",
                "first": "Shamsurrahman",
                "last": "ABDURAHMAN",
            },
            {
                "full": "Shams ur-Rahman SHER ALAM",
                "kind": "alias",
                "first": "Shams ur-Rahman",
                "last": "SHER ALAM",
            },
        ],
        "designation": {
            "source": "gb_hmt_ofsi",
            "programs": ["Afghanistan"],
            "listed_on": "2001-04-02",
            "authority": AUTHORITY,
            "remarks": "UN Ref TI.U.8.01. Also referred to as Shams-U-Rahman and Shamsurrahman. "
            "Believed to be in Afghanistan/Pakistan border area.",
        },
        "birth_dates": ["1969"],
        "birth_places": ["Waka Uzbin village, Sarobi District, Kabul Province"],
        "countries": [["af", "nationality"], ["af", "birth_place"]],
        "identifiers": [
            {
                "type": "national_id",
                "value": "2132370",
                "country": "af",
                "label": "2132370 (Afghan) (tazkira)",
            },
            {
                "type": "national_id",
                "value": "812673",
                "country": "af",
                "label": "812673 (Afghan) (tazkira)",
            },
        ],
        "extra": {
            "modifiedAt": ["2012-06-26"],
            "position": ["Deputy Minister of Agriculture under the Taliban regime"],
            "title": ["Mullah/Maulavi"],
        },
    },
    # An OFSI "Entity" that is a ship: IMO and MMSI read from Other Information.
    "13556": {
        "source": "gb_hmt_ofsi",
        "id": "13556",
        "schema": "Vessel",
        "names": [{"full": "TONG SAN 2", "kind": "primary"}],
        "designation": {
            "source": "gb_hmt_ofsi",
            "programs": ["North Korea (Democratic People's Republic of Korea)"],
            "listed_on": "2017-10-19",
            "authority": AUTHORITY,
            "remarks": "IMO: 8937675. MMSI: 445539000. The following vessel has been added to "
            "the list of vessels subject to restrictive measures set out in Annex XIV.",
        },
        "identifiers": [
            {"type": "imo", "value": "8937675"},
            {"type": "mmsi", "value": "445539000"},
        ],
        "extra": {"modifiedAt": ["2017-10-19"]},
    },
}


@pytest.mark.parametrize("entity_id", sorted(GOLDEN))
def test_golden_entities(by_id: dict[str, Entity], entity_id: str) -> None:
    assert by_id[entity_id].to_dict() == GOLDEN[entity_id]


def test_target_under_two_regimes_keeps_both_and_the_earliest_listing(
    by_id: dict[str, Entity],
) -> None:
    aweys = by_id["6995"]
    assert aweys.designation.programs == (
        "The ISIL (Da'esh) and Al-Qaida organisations",
        "Somalia",
    )
    assert str(aweys.designation.listed_on) == "2001-11-08"


def test_company_imo_number_is_not_a_ship(by_id: dict[str, Entity]) -> None:
    shipping_company = next(
        entity
        for entity in by_id.values()
        if any(name.full == "CHONG CHON GANG SHIPPING CO. LTD." for name in entity.names)
    )
    assert "IMO Number: 5342883" in (shipping_company.designation.remarks or "")
    assert shipping_company.schema is Schema.ORGANIZATION
    assert shipping_company.identifiers == ()


def test_real_file_is_claimed_and_other_lists_are_not(data_dir: Path) -> None:
    assert FORMAT.claim(read_folder(data_dir / FOLDER)) == (FILE,)
    for other in ("us_bis_dpl/2019-06-29", "us_trade_csl_excerpt/2019-12-03"):
        assert FORMAT.claim(read_folder(data_dir / other)) == ()


# Hand-written edge cases ---------------------------------------------------------------------


def row(**values: str) -> dict[str, str]:
    base = dict.fromkeys(COLUMNS, "")
    base.update(
        {
            "Name 6": "DOE",
            "Name 1": "John",
            "Group Type": "Individual",
            "Alias Type": "Prime Alias",
            "Regime": "Syria",
            "Listed On": "01/02/2012",
            "Last Updated": "03/04/2015",
            "Group ID": "100",
        }
    )
    base.update({key.replace("_", " "): value for key, value in values.items()})
    return base


def csv_file(*rows: dict[str, str], first_line: str = "Last Updated,13/04/2018") -> bytes:
    def quoted(value: str) -> str:
        return f'"{value}"' if "," in value else value

    lines = [first_line + "," * (len(COLUMNS) - 2), ",".join(COLUMNS)]
    lines += [",".join(quoted(r[column]) for column in COLUMNS) for r in rows]
    return ("\n".join(lines) + "\n").encode("cp1252")


def parse(data: bytes) -> ParsedList:
    return FORMAT.parse({"list.csv": data})


def test_rows_of_a_group_make_one_entity_with_every_fact() -> None:
    data = csv_file(
        row(DOB="00/00/1980", Nationality="(1) Afghan (2) Pakistani"),
        row(DOB="15/06/1981", Nationality="(1) Afghan (2) Pakistani"),
        row(Name_1="Jon", Alias_Type="AKA", Title="Dr"),
        row(Name_1="Johnny", Alias_Type="FKA", Address_1="1 High St", Country="Syria"),
        row(Name_6="ACME", Name_1="", Group_Type="Entity", Group_ID="200"),
    )
    person, company = parse(data).entities
    assert [(n.full, n.kind.value) for n in person.names] == [
        ("John DOE", "primary"),
        ("Jon DOE", "alias"),
        ("Johnny DOE", "former"),
    ]
    assert [spec.iso for spec in person.birth_dates] == ["1980", "1981-06-15"]
    assert [(c.code, c.role.value) for c in person.countries] == [
        ("af", "nationality"),
        ("pk", "nationality"),
        ("sy", "address"),
    ]
    assert person.addresses[0].full == "1 High St, Syria"
    assert person.extra["title"] == ("Dr",)
    assert (company.id, company.schema, company.caption) == ("200", Schema.ORGANIZATION, "ACME")


def test_second_prime_alias_with_another_name_is_an_alias() -> None:
    data = csv_file(row(), row(Name_1="Jim"))
    assert [n.kind.value for n in parse(data).entities[0].names] == ["primary", "alias"]


def test_unresolvable_nationality_is_kept_as_a_note() -> None:
    data = csv_file(row(Nationality="Possibly from somewhere"))
    assert parse(data).entities[0].extra["notes"] == ("Nationality: Possibly from somewhere",)


def test_windows_1252_text_is_decoded() -> None:
    data = csv_file(row(Other_Information="the Army\u2019s \u2013 4th"))
    assert parse(data).entities[0].designation.remarks == "the Army\u2019s \u2013 4th"


def test_wrong_column_count_names_file_and_line() -> None:
    data = csv_file(row()) + b"DOE,John\n"
    with pytest.raises(ParseError) as error:
        parse(data)
    assert error.value.detail == {"file": "list.csv", "line": 4}


@pytest.mark.parametrize(
    ("bad", "field"),
    [
        ({"DOB": "31/02/1980"}, "DOB"),
        ({"Listed On": "soon"}, "Listed On"),
        ({"Group Type": "Ship"}, "Group Type"),
        ({"Alias Type": "Nickname"}, "Alias Type"),
        ({"Group ID": "X1"}, "Group ID"),
        ({"Name 6": ""}, "Name 6"),
    ],
)
def test_malformed_value_names_file_line_and_field(bad: dict[str, str], field: str) -> None:
    good = row()
    with pytest.raises(ParseError) as error:
        parse(csv_file(good, {**good, **bad}))
    assert error.value.detail == {"file": "list.csv", "line": 4, "field": field}


def test_group_that_is_both_person_and_entity_is_refused() -> None:
    with pytest.raises(ParseError, match="both Individual and Entity"):
        parse(csv_file(row(), row(Group_Type="Entity")))


def test_unreadable_publication_date_is_refused() -> None:
    with pytest.raises(ParseError) as error:
        parse(csv_file(row(), first_line="Last Updated,someday"))
    assert error.value.detail == {"file": "list.csv", "line": 1, "field": "Last Updated"}


def test_truncated_file_inside_a_quoted_value_is_refused() -> None:
    data = csv_file(row(Other_Information="a, b"))
    with pytest.raises(ParseError) as error:
        parse(data[: data.rindex(b"a, b") + 2])
    assert error.value.detail == {"file": "list.csv", "line": 3}


def test_changed_header_is_refused_and_other_csv_not_claimed() -> None:
    data = csv_file(row()).replace(b"Post/Zip Code", b"Postcode")
    with pytest.raises(ParseError, match="header"):
        parse(data)
    assert FORMAT.claim({"other.csv": b"Name,Street\nA,B\n", "empty.csv": b""}) == ()
