"""The BIS Denied Persons List: the three real files, golden entities, stable ids, bad rows."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from proscribe.errors import ParseError
from proscribe.model import Entity, Schema
from proscribe.sources.base import ParsedList
from proscribe.sources.us_bis_dpl import FORMATS
from proscribe.sources.us_bis_dpl.map import split_names
from proscribe.sources.us_bis_dpl.parse_tsv import COLUMNS, read_dpl
from tests.conftest import read_folder

FORMAT = FORMATS[0]
AUTHORITY = "US Department of Commerce, Bureau of Industry and Security"
# snapshot: (rows as the README counts them, exact duplicate rows merged into one entry)
SNAPSHOTS = {"2019-06-29": (546, 3), "2022-09-07": (581, 2), "2023-11-30": (665, 2)}


@pytest.fixture(scope="module")
def parsed(data_dir: Path) -> dict[str, ParsedList]:
    return {
        snapshot: FORMAT.parse(read_folder(data_dir / "us_bis_dpl" / snapshot))
        for snapshot in SNAPSHOTS
    }


def by_id(parsed: ParsedList) -> dict[str, Entity]:
    return {entity.id: entity for entity in parsed.entities}


@pytest.mark.parametrize("snapshot", sorted(SNAPSHOTS))
def test_real_file_counts(parsed: dict[str, ParsedList], data_dir: Path, snapshot: str) -> None:
    rows, duplicates = SNAPSHOTS[snapshot]
    file = data_dir / "us_bis_dpl" / snapshot / "dpl.txt"
    assert len(read_dpl(file.read_bytes(), "dpl.txt")) == rows
    result = parsed[snapshot]
    assert len(result.entities) == rows - duplicates
    assert result.notes == (
        f"{rows} rows",
        f"{duplicates} rows repeat the name and address of an earlier row and were merged into it",
    )
    assert (result.source, result.format, result.files) == (
        "us_bis_dpl",
        "bis_dpl_tsv",
        ("dpl.txt",),
    )
    assert (result.published, result.stated_count) == (None, None)


def test_id_survives_a_renewal_of_the_order(parsed: dict[str, ParsedList]) -> None:
    before = by_id(parsed["2022-09-07"])["901487b0f876db32"]
    after = by_id(parsed["2023-11-30"])["901487b0f876db32"]
    assert before.caption == after.caption == "SIBERIAN AIRLINES"
    assert (str(before.designation.listed_on), str(after.designation.listed_on)) == (
        "2022-06-24",
        "2023-06-15",
    )


def test_one_party_at_two_addresses_is_two_entries(parsed: dict[str, ParsedList]) -> None:
    nasser = [e for e in parsed["2023-11-30"].entities if e.caption == "ABDULAH AL NASSER"]
    assert sorted(e.addresses[0].street or "" for e in nasser) == [
        "605 TRAIL LAKE DRIVE",
        "908 AUDELIA ROAD, SUIE 200, PMB #245",
    ]


GOLDEN: dict[str, dict[str, Any]] = {
    # A/K/A inside the name; an empty Country column.
    "55bfa295b279a03b": {
        "source": "us_bis_dpl",
        "id": "55bfa295b279a03b",
        "schema": "LegalEntity",
        "names": [{"full": "FUYI SUN", "kind": "primary"}, {"full": "FRANK SUN", "kind": "alias"}],
        "designation": {
            "source": "us_bis_dpl",
            "listed_on": "2018-06-13",
            "authority": AUTHORITY,
            "remarks": "FR NOTICE ADDED",
        },
        "addresses": [
            {
                "full": "INMATE NUMBER: 77362-054, MOSHANNON VALLEY CORRECTIONAL INSTITUTION, "
                "555 GEO DRIVE, PHILIPSBURG, PA, 16866",
                "street": "INMATE NUMBER: 77362-054, MOSHANNON VALLEY CORRECTIONAL INSTITUTION, "
                "555 GEO DRIVE",
                "city": "PHILIPSBURG",
                "region": "PA",
                "postal_code": "16866",
            }
        ],
        "extra": {
            "endDate": ["2027-08-31"],
            "federalRegisterNotice": ["83 F.R. 29542 6/25/2018"],
            "modifiedAt": ["2018-06-25"],
            "standardOrder": ["Y"],
        },
    },
    # The row appears twice, byte for byte, in every file: one entry.
    "21c437d4a96c80c6": {
        "source": "us_bis_dpl",
        "id": "21c437d4a96c80c6",
        "schema": "LegalEntity",
        "names": [{"full": "DAQING ZHOU", "kind": "primary"}],
        "designation": {
            "source": "us_bis_dpl",
            "listed_on": "2006-11-09",
            "authority": AUTHORITY,
            "remarks": "20 YEAR DENIAL",
        },
        "countries": [["cn", "address"]],
        "addresses": [
            {
                "full": "MANTEN ELECTRONICS INC, BEIJING OFFICE, SUITE 2-4-501, 2ND AREA CHERRY "
                "GARDEN, LI QIAO TOWN, SHUN YI, BEIJING, 101300, CN",
                "street": "MANTEN ELECTRONICS INC, BEIJING OFFICE, SUITE 2-4-501, 2ND AREA "
                "CHERRY GARDEN, LI QIAO TOWN, SHUN YI",
                "city": "BEIJING",
                "postal_code": "101300",
                "country": "cn",
            }
        ],
        "extra": {
            "endDate": ["2026-11-09"],
            "federalRegisterNotice": ["71 F.R. 65775 11/9/06"],
            "modifiedAt": ["2006-11-09"],
            "standardOrder": ["Y"],
        },
    },
    # A name that starts with a space in the file.
    "61af89ab5f38a318": {
        "source": "us_bis_dpl",
        "id": "61af89ab5f38a318",
        "schema": "LegalEntity",
        "names": [{"full": "I. ASH", "kind": "primary"}],
        "designation": {
            "source": "us_bis_dpl",
            "listed_on": "2003-06-19",
            "authority": AUTHORITY,
            "remarks": "FEDERAL REGISTER NOTICE UPDATED",
        },
        "countries": [["us", "address"]],
        "addresses": [
            {
                "full": "UPON THE DATE OF THE ORDER INCARCERATED AT USM NO: 26265-177, FCI "
                "SEAGOVILLE, 2113 NORTH HIGHWAY 175, SEAGOVILLE, TX, 75159, US",
                "street": "UPON THE DATE OF THE ORDER INCARCERATED AT USM NO: 26265-177, FCI "
                "SEAGOVILLE, 2113 NORTH HIGHWAY 175",
                "city": "SEAGOVILLE",
                "region": "TX",
                "postal_code": "75159",
                "country": "us",
            }
        ],
        "extra": {
            "endDate": ["2056-06-29"],
            "federalRegisterNotice": [
                "68 F.R. 38290 6/27/03 71 F.R. 38843 7/10/06 72 F.R. 4236 1/30/07"
            ],
            "modifiedAt": ["2007-01-31"],
            "standardOrder": ["Y"],
        },
    },
}


@pytest.mark.parametrize("entity_id", sorted(GOLDEN))
def test_golden_entities(parsed: dict[str, ParsedList], entity_id: str) -> None:
    assert by_id(parsed["2023-11-30"])[entity_id].to_dict() == GOLDEN[entity_id]


def test_companies_are_organisations_and_the_rest_legal_entities(
    parsed: dict[str, ParsedList],
) -> None:
    schemas = {e.caption: e.schema for e in parsed["2023-11-30"].entities}
    assert schemas["SIBERIAN AIRLINES"] is Schema.ORGANIZATION
    assert schemas["ELECMAT, INC."] is Schema.ORGANIZATION
    assert schemas["AARON ABRAHAM VILLA"] is Schema.LEGAL_ENTITY


def test_real_files_are_claimed_and_other_lists_are_not(data_dir: Path) -> None:
    assert FORMAT.claim(read_folder(data_dir / "us_bis_dpl/2019-06-29")) == ("dpl.txt",)
    assert FORMAT.claim(read_folder(data_dir / "us_trade_csl_excerpt/2019-12-03")) == ()
    assert FORMAT.claim(read_folder(data_dir / "uk_hmt_ofsi_conlist/2018-04-13")) == ()


def test_alias_markers_in_names() -> None:
    assert [(n.full, n.kind.value) for n in split_names("A CO D/B/A B CO F/K/A C CO")] == [
        ("A CO", "primary"),
        ("B CO", "alias"),
        ("C CO", "former"),
    ]
    assert [n.full for n in split_names("PEARL (A.K.A. NEI-CHIEN CHU) LI")] == [
        "PEARL (A.K.A. NEI-CHIEN CHU) LI"
    ]


# Hand-written edge cases ---------------------------------------------------------------------

GOOD = {
    "Name": " JOHN DOE",
    "Street_Address": '1 "MAIN" ST',
    "City": "TOWN",
    "State": "TX",
    "Country": "US",
    "Postal_Code": "75001",
    "Effective_Date": "10/16/2017",
    "Expiration_Date": "",
    "Standard_Order": "y",
    "Last_Update": "2017-10-23",
    "Action": "NEW",
    "FR_Citation": "82 F.R. 48792 10/20/2017",
}


def tsv(*rows: dict[str, str], final_newline: bool = True) -> bytes:
    def quoted(value: str) -> str:
        return '"' + value.replace('"', '""') + '"'

    lines = ["\t".join(quoted(column) for column in COLUMNS)]
    lines += ["\t".join(quoted(row[column]) for column in COLUMNS) for row in rows]
    return ("\n".join(lines) + ("\n" if final_newline else "")).encode("ascii")


def parse(data: bytes) -> ParsedList:
    return FORMAT.parse({"dpl.txt": data})


def test_small_file_without_final_newline() -> None:
    (entity,) = parse(tsv(GOOD, final_newline=False)).entities
    assert entity.caption == "JOHN DOE"
    assert entity.addresses[0].full == '1 "MAIN" ST, TOWN, TX, 75001, US'
    assert str(entity.designation.listed_on) == "2017-10-16"  # month first
    assert entity.extra["standardOrder"] == ("Y",)
    assert "endDate" not in entity.extra


def test_same_name_and_address_with_other_orders_is_one_entry() -> None:
    renewed = {**GOOD, "Effective_Date": "01/02/2019", "Action": "TDO RENEWAL"}
    (entity,) = parse(tsv(GOOD, renewed)).entities
    assert str(entity.designation.listed_on) == "2017-10-16"
    assert entity.designation.remarks == "NEW; TDO RENEWAL"


@pytest.mark.parametrize(
    ("column", "value"),
    [
        ("Effective_Date", "2017-10-16"),
        ("Effective_Date", "13/16/2017"),
        ("Effective_Date", ""),
        ("Expiration_Date", "someday"),
        ("Last_Update", "10/23/2017"),
        ("Standard_Order", "MAYBE"),
        ("Name", "  "),
    ],
)
def test_malformed_value_names_file_line_and_field(column: str, value: str) -> None:
    with pytest.raises(ParseError) as error:
        parse(tsv(GOOD, {**GOOD, "Name": "OTHER", column: value}))
    assert error.value.detail == {"file": "dpl.txt", "line": 3, "field": column}


def test_wrong_column_count_names_file_and_line() -> None:
    data = tsv(GOOD) + b'"JANE DOE"\t"2 MAIN ST"\n'
    with pytest.raises(ParseError) as error:
        parse(data)
    assert error.value.detail == {"file": "dpl.txt", "line": 3}


def test_truncated_file_is_refused() -> None:
    data = tsv(GOOD, GOOD)
    with pytest.raises(ParseError) as error:
        parse(data[: data.rindex(b"NEW") + 1])
    assert error.value.detail == {"file": "dpl.txt", "line": 3}


def test_other_header_is_not_claimed() -> None:
    assert FORMAT.claim({"dpl.txt": b"Name\tStreet_Address\n"}) == ()
    with pytest.raises(ParseError, match="header"):
        parse(tsv(GOOD).replace(b'"FR_Citation"', b'"Citation"'))
