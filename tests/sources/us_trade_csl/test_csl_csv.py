"""The trade.gov Consolidated Screening List CSV: the real excerpt, golden entities, bad rows."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from proscribe.errors import ParseError
from proscribe.model import Entity, IdentifierType, Schema
from proscribe.sources.base import ParsedList
from proscribe.sources.us_trade_csl import FORMATS
from proscribe.sources.us_trade_csl.ids import read_ids
from proscribe.sources.us_trade_csl.parse_csv import COLUMNS
from tests.conftest import read_folder

FORMAT = FORMATS[0]
FOLDER = "us_trade_csl_excerpt/2019-12-03"
SDN = "Specially Designated Nationals (SDN) - Treasury Department"
SDN_URLS = ["http://bit.ly/1I7ipyR", "http://bit.ly/1MLgpye"]


@pytest.fixture(scope="module")
def parsed(data_dir: Path) -> ParsedList:
    return FORMAT.parse(read_folder(data_dir / FOLDER))


@pytest.fixture(scope="module")
def by_id(parsed: ParsedList) -> dict[str, Entity]:
    return {entity.id: entity for entity in parsed.entities}


def test_real_file_counts_match_the_readme(parsed: ParsedList) -> None:
    assert len(parsed.entities) == 115
    assert Counter(e.schema for e in parsed.entities) == {
        Schema.LEGAL_ENTITY: 47,
        Schema.ORGANIZATION: 46,
        Schema.PERSON: 20,
        Schema.VESSEL: 2,
    }
    assert (parsed.source, parsed.format, parsed.files) == (
        "us_trade_csl",
        "trade_csl_csv",
        ("csl.csv",),
    )
    assert (parsed.published, parsed.stated_count, parsed.notes) == (None, None, ())


def test_ids_are_ofac_uids_or_prefixed_hashes(parsed: ParsedList) -> None:
    prefixes = Counter(e.id.split("-")[0] if "-" in e.id else "uid" for e in parsed.entities)
    assert prefixes == {"uid": 68, "el": 22, "dtc": 10, "dpl": 8, "uvl": 4, "isn": 3}


GOLDEN: dict[str, dict[str, Any]] = {
    # A vessel: IMO from the ids cell, former flag, current flag as a country.
    "27304": {
        "source": "us_trade_csl",
        "id": "27304",
        "schema": "Vessel",
        "names": [
            {"full": "ADRIAN DARYA 1", "kind": "primary"},
            {"full": "GRACE 1", "kind": "alias"},
        ],
        "designation": {
            "source": "us_trade_csl",
            "programs": ["SDGT"],
            "authority": "Treasury Department",
        },
        "countries": [["ir", "flag"]],
        "identifiers": [
            {"type": "imo", "value": "9116412", "label": "Vessel Registration Identification"}
        ],
        "extra": {
            "listSource": [SDN],
            "pastFlags": ["pa"],
            "sourceUrl": SDN_URLS,
            "type": ["Crude Oil Tanker"],
        },
    },
    # A person written SURNAME, Given; birth place with a country; a title.
    "15205": {
        "source": "us_trade_csl",
        "id": "15205",
        "schema": "Person",
        "names": [
            {
                "full": "AHED AL-ZOUBI, Omran",
                "kind": "primary",
                "first": "Omran",
                "last": "AHED AL-ZOUBI",
            }
        ],
        "designation": {
            "source": "us_trade_csl",
            "programs": ["SYRIA"],
            "authority": "Treasury Department",
        },
        "birth_dates": ["1959"],
        "birth_places": ["Damascus, Syria"],
        "countries": [["sy", "birth_place"]],
        "extra": {
            "listSource": [SDN],
            "sourceUrl": SDN_URLS,
            "title": ["Minister of Information"],
        },
    },
    # An Entity List row: no entity_number, so a hash id; one of five rows of this party.
    "el-fbdf3bf006ab": {
        "source": "us_trade_csl",
        "id": "el-fbdf3bf006ab",
        "schema": "LegalEntity",
        "names": [{"full": "Gunther Migeotte", "kind": "primary"}],
        "designation": {
            "source": "us_trade_csl",
            "listed_on": "2010-07-01",
            "authority": "Bureau of Industry and Security",
        },
        "countries": [["no", "address"]],
        "addresses": [{"full": "Titangata 1, 1630 , Fredrikstad, NO", "country": "no"}],
        "extra": {
            "federalRegisterNotice": ["75 FR 36516"],
            "licensePolicy": ["Presumption of denial"],
            "licenseRequirement": ["For all items subject to the EAR (See §744.11 of the EAR)"],
            "listSource": ["Entity List (EL) - Bureau of Industry and Security"],
            "sourceUrl": ["http://bit.ly/1L47xrV"],
        },
    },
}


@pytest.mark.parametrize("entity_id", sorted(GOLDEN))
def test_golden_entities(by_id: dict[str, Entity], entity_id: str) -> None:
    assert by_id[entity_id].to_dict() == GOLDEN[entity_id]


def test_ids_cell_identifiers_and_facts(by_id: dict[str, Entity]) -> None:
    holdings = by_id["20264"]
    assert [(i.type, i.value, i.country) for i in holdings.identifiers] == [
        (IdentifierType.TAX_ID, "80-0890696", "us")
    ]
    vessel = by_id["23156"]
    assert vessel.extra["secondarySanctions"] == (
        "North Korea Sanctions Regulations, sections 510.201 and 510.210",
    )
    assert [link.target for link in vessel.links] == ["YUSONG SHIPPING CO"]


def test_real_file_is_claimed_and_other_lists_are_not(data_dir: Path) -> None:
    assert FORMAT.claim(read_folder(data_dir / FOLDER)) == ("csl.csv",)
    assert FORMAT.claim(read_folder(data_dir / "us_bis_dpl/2019-06-29")) == ()
    assert FORMAT.claim(read_folder(data_dir / "uk_hmt_ofsi_conlist/2018-04-13")) == ()


def test_read_ids_sorts_identifiers_from_other_facts() -> None:
    facts = read_ids(
        [
            "CH, CHE-427.006.032, Company Number",
            "Subject to Directive 3, Executive Order 13662 Directive Determination -",
            "mail@example.ru, Email Address",
            "0x1234, Digital Currency Address - ETH",
            "Atlantis, Former Vessel Flag",
            "no type at all",
            "12345, Something New",
        ]
    )
    assert [(i.type.value, i.value, i.country, i.label) for i in facts.identifiers] == [
        ("registration", "CHE-427.006.032", "ch", "Company Number"),
        ("crypto_address", "0x1234", None, "Digital Currency Address - ETH"),
        ("other", "12345", None, "Something New"),
    ]
    assert facts.extra == {
        "notes": [
            "Executive Order 13662 Directive Determination: Subject to Directive 3",
            "Former flag: Atlantis",
            "no type at all",
        ],
        "email": ["mail@example.ru"],
    }


# Hand-written edge cases ---------------------------------------------------------------------

GOOD = dict.fromkeys(COLUMNS, "") | {
    "source": "Entity List (EL) - Bureau of Industry and Security",
    "name": "ACME LTD",
    "addresses": "1 Road, Town, DE; 2 Street, City, FR",
    "start_date": "2015-11-12",
}


def csv_file(*rows: dict[str, str]) -> bytes:
    def quoted(value: str) -> str:
        return '"' + value.replace('"', '""') + '"' if value else ""

    lines = [",".join(COLUMNS), *(",".join(quoted(row[c]) for c in COLUMNS) for row in rows)]
    return ("\n".join(lines) + "\n").encode("utf-8")


def parse(data: bytes) -> ParsedList:
    return FORMAT.parse({"csl.csv": data})


def test_multi_valued_cells_are_split() -> None:
    (entity,) = parse(csv_file(GOOD)).entities
    assert [a.country for a in entity.addresses] == ["de", "fr"]
    assert entity.id.startswith("el-")
    assert entity.schema is Schema.LEGAL_ENTITY


def test_exact_duplicate_row_is_dropped_and_same_key_rows_are_numbered() -> None:
    later = GOOD | {"start_date": "2016-01-01"}
    result = parse(csv_file(GOOD, GOOD, later))
    first, second = result.entities
    assert second.id == f"{first.id}-2"
    assert result.notes == ("1 rows repeat an earlier row exactly and were dropped",)


def test_duplicate_entity_number_is_refused() -> None:
    row = GOOD | {"entity_number": "123", "type": "Entity"}
    with pytest.raises(ParseError) as error:
        parse(csv_file(row, row | {"name": "OTHER"}))
    assert error.value.detail == {"file": "csl.csv", "line": 3, "field": "entity_number"}


@pytest.mark.parametrize(
    ("column", "value"),
    [
        ("start_date", "11/12/2015"),
        ("end_date", "2015-13-01"),
        ("dates_of_birth", "1970; circa 1971"),
        ("type", "Spaceship"),
        ("name", " "),
        ("source", ""),
    ],
)
def test_malformed_value_names_file_line_and_field(column: str, value: str) -> None:
    with pytest.raises(ParseError) as error:
        parse(csv_file(GOOD, GOOD | {"name": "OTHER", column: value}))
    assert error.value.detail == {"file": "csl.csv", "line": 3, "field": column}


def test_wrong_column_count_and_truncation_name_file_and_line() -> None:
    with pytest.raises(ParseError) as error:
        parse(csv_file(GOOD) + b"Entity List,1\n")
    assert error.value.detail == {"file": "csl.csv", "line": 3}
    data = csv_file(GOOD, GOOD | {"name": "OTHER"})
    with pytest.raises(ParseError) as error:
        parse(data[: data.rindex(b"2 Street")])
    assert error.value.detail == {"file": "csl.csv", "line": 3}


def test_other_header_is_refused() -> None:
    assert FORMAT.claim({"x.csv": b"source,name\n"}) == ()
    with pytest.raises(ParseError, match="header"):
        parse(csv_file(GOOD).replace(b",ids\n", b",identifiers\n", 1))
