"""The UK Sanctions List summary spreadsheet: the real file, golden entities, hostile zips."""

from __future__ import annotations

import io
import zipfile
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from proscribe.errors import ParseError, UnsafeInputError
from proscribe.model import Entity, Schema
from proscribe.sources.base import ParsedList
from proscribe.sources.gb_fcdo import FORMATS, parse_ods, published_from_name
from proscribe.sources.gb_fcdo.parse_ods import COLUMNS, read_fcdo_ods
from tests.conftest import read_folder

FORMAT = FORMATS[0]
FOLDER = "uk_fcdo_sanctions_list/2025-08-11"
FILE = "FCDO_SL_Mon_Aug 11 2025.ods"
AUTHORITY = "Foreign, Commonwealth and Development Office"


@pytest.fixture(scope="module")
def parsed(data_dir: Path) -> ParsedList:
    return FORMAT.parse(read_folder(data_dir / FOLDER))


def test_real_file_counts_match_the_readme(parsed: ParsedList) -> None:
    assert len(parsed.entities) == 5302
    assert Counter(entity.schema for entity in parsed.entities) == {
        Schema.PERSON: 3754,
        Schema.ORGANIZATION: 1087,
        Schema.VESSEL: 461,
    }


def test_real_file_metadata_and_notes(parsed: ParsedList) -> None:
    assert (parsed.source, parsed.format, parsed.files) == ("gb_fcdo", "fcdo_ods", (FILE,))
    assert parsed.published == date(2025, 8, 11)
    assert parsed.notes == ("2 entries have no name: BEL0174, RUS1467",)


GOLDEN: dict[str, dict[str, Any]] = {
    "AFG0001": {
        "source": "gb_fcdo",
        "id": "AFG0001",
        "schema": "Organization",
        "names": [{"full": "HAJI KHAIRULLAH HAJI SATTAR MONEY EXCHANGE", "kind": "primary"}],
        "designation": {
            "source": "gb_fcdo",
            "programs": ["Afghanistan"],
            "listed_on": "2012-06-29",
            "authority": AUTHORITY,
        },
        "identifiers": [
            {"type": "other", "value": "12703", "country": "gb", "label": "OFSI Group ID"}
        ],
        "extra": {"designationSource": ["UN"], "provisions": ["Asset freeze"]},
    },
    "YEM0018": {
        "source": "gb_fcdo",
        "id": "YEM0018",
        "schema": "Person",
        "names": [{"full": "Al-HOUTHI Ali Hussein Badr Al Din", "kind": "primary"}],
        "designation": {
            "source": "gb_fcdo",
            "programs": ["Yemen"],
            "listed_on": "2024-02-27",
            "authority": AUTHORITY,
        },
        "identifiers": [
            {"type": "other", "value": "16362", "country": "gb", "label": "OFSI Group ID"}
        ],
        "extra": {
            "designationSource": ["UK"],
            "provisions": [
                "Asset freeze",
                "Director Disqualification Sanction",
                "Targeted arms embargo",
                "Travel Ban",
            ],
        },
    },
    # A ship without an OFSI group id.
    "DPR0075": {
        "source": "gb_fcdo",
        "id": "DPR0075",
        "schema": "Vessel",
        "names": [{"full": "Petrel 8", "kind": "primary"}],
        "designation": {
            "source": "gb_fcdo",
            "programs": ["Democratic People's Republic of Korea"],
            "listed_on": "2017-10-03",
            "authority": AUTHORITY,
        },
        "extra": {"designationSource": ["UN"], "provisions": ["Prohibition of port entry"]},
    },
}


@pytest.mark.parametrize("entity_id", sorted(GOLDEN))
def test_golden_entities(parsed: ParsedList, entity_id: str) -> None:
    entity = next(entity for entity in parsed.entities if entity.id == entity_id)
    assert entity.to_dict() == GOLDEN[entity_id]


def test_names_have_whitespace_collapsed(parsed: ParsedList) -> None:
    by_id: dict[str, Entity] = {entity.id: entity for entity in parsed.entities}
    assert all("  " not in name.full for e in parsed.entities for name in e.names)
    assert by_id["BEL0174"].names == ()


def test_real_file_is_claimed_and_other_lists_are_not(data_dir: Path) -> None:
    assert FORMAT.claim(read_folder(data_dir / FOLDER)) == (FILE,)
    assert FORMAT.claim(read_folder(data_dir / "uk_hmt_ofsi_conlist/2018-04-13")) == ()


def test_publication_date_comes_from_the_file_name() -> None:
    assert published_from_name("FCDO_SL_Mon_Aug 11 2025.ods") == date(2025, 8, 11)
    assert published_from_name("UK_Sanctions_List.ods") is None
    assert published_from_name("FCDO_SL_Mon_Feb 31 2025.ods") is None


# Hand-written spreadsheets -------------------------------------------------------------------

NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"'
)
GOOD_ROW = ("RUS0001", "15000", "IVANOV Ivan", "Russia", "Individual", "UK", "15-03-2022",
            "Asset freeze, Travel Ban")  # fmt: skip


def cell(text: str) -> str:
    if not text:
        return "<table:table-cell/>"
    if text.startswith("repeat:"):  # an empty run of n cells, written once
        return f'<table:table-cell table:number-columns-repeated="{text[7:]}"/>'
    return (
        f'<table:table-cell office:value-type="string"><text:p>{text}</text:p></table:table-cell>'
    )


def sheet_row(values: tuple[str, ...] | list[str], *, tail: bool = True) -> str:
    cells = "".join(cell(value) for value in values)
    if tail:  # as the FCDO writes it: the rest of the 16,384 columns as one empty run
        cells += '<table:table-cell table:number-columns-repeated="16376"/>'
    return f"<table:table-row>{cells}</table:table-row>"


def ods(
    *rows: tuple[str, ...] | list[str],
    content: str | None = None,
    header: tuple[str, ...] = COLUMNS,
) -> bytes:
    body = "".join(sheet_row(r) for r in (header, *rows))
    body += (
        '<table:table-row table:number-rows-repeated="1043268">'
        '<table:table-cell table:number-columns-repeated="16384"/></table:table-row>'
    )
    xml = content or (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {NS}><office:body>'
        f'<office:spreadsheet><table:table table:name="S">{body}</table:table>'
        "</office:spreadsheet></office:body></office:document-content>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", xml)
    return buffer.getvalue()


def parse(data: bytes) -> ParsedList:
    return FORMAT.parse({"list.ods": data})


def test_small_sheet_with_repeated_cells_reads_fast() -> None:
    second = ("RUS0002", "", "ACME  <text:s text:c=\"2\"/>LLC", "Russia", "Entity", "UK|UN",
              "01-01-2023", "Asset freeze")  # fmt: skip
    first, company = parse(ods(GOOD_ROW, second)).entities
    assert first.caption == "IVANOV Ivan"
    assert str(first.designation.listed_on) == "2022-03-15"
    assert first.extra["provisions"] == ("Asset freeze", "Travel Ban")
    assert (company.caption, company.schema, company.identifiers) == (
        "ACME LLC",
        Schema.ORGANIZATION,
        (),
    )
    assert company.extra["designationSource"] == ("UK", "UN")
    assert company.designation.programs == ("Russia",)


@pytest.mark.parametrize(
    ("index", "value", "field"),
    [(6, "2022-03-15", "Date Designated"), (4, "Aircraft", "Type"), (3, " ", "Regime Name")],
)
def test_malformed_value_names_file_row_and_field(index: int, value: str, field: str) -> None:
    bad = list(GOOD_ROW)
    bad[index] = value
    with pytest.raises(ParseError) as error:
        parse(ods(GOOD_ROW, bad))
    assert error.value.detail == {"file": "list.ods", "line": 3, "field": field}


def test_duplicate_unique_id_is_refused() -> None:
    with pytest.raises(ParseError, match="duplicate Unique ID RUS0001"):
        parse(ods(GOOD_ROW, GOOD_ROW))


def test_too_many_columns_is_refused() -> None:
    with pytest.raises(ParseError) as error:
        parse(ods(GOOD_ROW, [*GOOD_ROW, "extra"]))
    assert error.value.detail == {"file": "list.ods", "line": 3}


def test_not_a_zip_is_not_claimed_and_not_read() -> None:
    assert FORMAT.claim({"list.ods": b"Unique ID,OFSI Group ID\n"}) == ()
    with pytest.raises(ParseError, match="not an OpenDocument spreadsheet"):
        read_fcdo_ods(b"PK\x03\x04 definitely not a zip", "list.ods")


def test_truncated_zip_is_refused() -> None:
    data = ods(GOOD_ROW)
    assert FORMAT.claim({"list.ods": data[: len(data) // 2]}) == ()
    with pytest.raises(ParseError):
        read_fcdo_ods(data[: len(data) // 2], "list.ods")


def test_truncated_xml_is_refused() -> None:
    xml = f"<office:document-content {NS}><office:body><office:spreadsheet><table:table>"
    with pytest.raises(ParseError, match="malformed XML"):
        read_fcdo_ods(ods(content=xml), "list.ods")


def test_content_that_inflates_too_far_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    data = ods(GOOD_ROW)
    monkeypatch.setattr(parse_ods, "MAX_CONTENT_BYTES", 1000)
    with pytest.raises(UnsafeInputError, match="inflates beyond"):
        read_fcdo_ods(data, "list.ods")


def test_empty_run_inside_a_row_keeps_later_columns_in_place() -> None:
    row = ("RUS0003", "repeat:2", "Russia", "Individual", "UK", "01-01-2023", "Asset freeze")
    (nameless,) = parse(ods(row)).entities
    assert (nameless.names, nameless.identifiers) == ((), ())
    assert nameless.designation.programs == ("Russia",)
    assert nameless.schema is Schema.PERSON


def test_other_spreadsheet_is_not_claimed() -> None:
    other = ods(GOOD_ROW, header=("Unique ID", "Group", "Name"))
    fuller = ods(GOOD_ROW, header=(*COLUMNS, "Other Information"))
    assert FORMAT.claim({"fuller.ods": fuller}) == ()
    assert FORMAT.claim({"list.ods": ods(GOOD_ROW), "other.ods": other}) == ("list.ods",)
    assert FORMAT.claim({"list.zip": ods(GOOD_ROW)}) == ()
