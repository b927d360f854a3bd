"""OFAC's legacy CSV format on small hand-written sets: the quirks it must accept and the
malformed input it must refuse.

Protects: CRLF and LF, a trailing or lone Ctrl-Z, a Windows-1252 byte, no final newline, the
`-0- ` empty token; remarks glued to their continuation mid-word; a malformed date in the
remarks kept as text; and ParseError (file, line, field) for a wrong column count, a repeated
or non-numeric uid, an unknown type, a bad quote, and optional files that do not belong to the
main one. Also what is claimed and what is not.
"""

from __future__ import annotations

import pytest

from proscribe.errors import ParseError
from proscribe.model import Address, Country, CountryRole, Name, NameKind, Schema
from proscribe.sources.us_ofac.csv_formats import CONS_CSV, SDN_CSV

E = "-0- "
PERSON = (
    f'23213,"CHOE, Ryong Hae","individual","DPRK2",{E},{E},{E},{E},{E},{E},{E},"DOB 15 Jan 1950."'
)
COMPANY = f'306,"BANCO NACIONAL DE CUBA",{E},"CUBA",{E},{E},{E},{E},{E},{E},{E},"a.k.a. \'BNC\'."'


def csv_bytes(*lines: str, end: str = "\r\n", tail: bytes = b"\x1a") -> bytes:
    return end.join(lines).encode("cp1252") + end.encode() + tail


def parse_error(files: dict[str, bytes]) -> ParseError:
    with pytest.raises(ParseError) as caught:
        SDN_CSV.parse(files)
    return caught.value


def test_minimal_set_as_published() -> None:
    files = {
        "sdn.csv": csv_bytes(COMPANY, PERSON),
        "alt.csv": csv_bytes(f'306,220,"aka","NATIONAL BANK OF CUBA",{E}'),
        "add.csv": csv_bytes(f'306,199,"Zweierstrasse 35","Zurich CH-8022","Switzerland",{E}'),
    }
    assert SDN_CSV.claim(files) == ("sdn.csv", "alt.csv", "add.csv")
    bank, choe = SDN_CSV.parse(files).entities
    assert bank.schema is Schema.ORGANIZATION
    assert bank.names == (
        Name("BANCO NACIONAL DE CUBA"),
        Name("NATIONAL BANK OF CUBA", NameKind.ALIAS),
        Name("BNC", NameKind.WEAK_ALIAS),
    )
    assert bank.addresses == (
        Address(
            "Zweierstrasse 35, Zurich CH-8022, Switzerland",
            "Zweierstrasse 35",
            "Zurich CH-8022",
            country="ch",
        ),
    )
    assert bank.countries == (Country("ch", CountryRole.ADDRESS),)
    assert choe.schema is Schema.PERSON
    assert choe.birth_dates[0].iso == "1950-01-15"


def test_lf_without_final_newline_or_ctrl_z() -> None:
    """The 2019-01-04 copy: LF line ends, no final newline, no Ctrl-Z."""
    data = f"{COMPANY}\n{PERSON}".encode()
    assert [item.id for item in SDN_CSV.parse({"sdn.csv": data}).entities] == ["306", "23213"]


def test_lone_ctrl_z_line_is_the_end_of_file() -> None:
    data = csv_bytes(COMPANY, "\x1a", tail=b"")
    assert len(SDN_CSV.parse({"sdn.csv": data}).entities) == 1


def test_data_after_ctrl_z_is_refused() -> None:
    error = parse_error({"sdn.csv": csv_bytes(COMPANY, "\x1a", PERSON)})
    assert error.detail == {"file": "sdn.csv", "line": 3}


def test_windows_1252_byte() -> None:
    row = f'7,"CAF\xc9 S.A.",{E},"SDGT",{E},{E},{E},{E},{E},{E},{E},{E}'
    (cafe,) = SDN_CSV.parse({"sdn.csv": csv_bytes(row)}).entities
    assert cafe.caption == "CAFÉ S.A."
    assert cafe.designation.remarks is None


def test_eleven_columns_name_file_line_and_field() -> None:
    short = f'24,"SHORT ROW",{E},"SDGT",{E},{E},{E},{E},{E},{E},{E}'
    error = parse_error({"sdn.csv": csv_bytes(COMPANY, short)})
    assert error.detail == {"file": "sdn.csv", "line": 2, "field": "Remarks"}
    assert str(error).startswith("sdn.csv:2 field Remarks: 11 columns instead of 12")


def test_thirteen_columns() -> None:
    error = parse_error({"sdn.csv": csv_bytes(f"{PERSON},{E}")})
    assert error.detail == {"file": "sdn.csv", "line": 1, "field": "column 13"}


def test_duplicate_uid() -> None:
    error = parse_error({"sdn.csv": csv_bytes(PERSON, COMPANY, PERSON)})
    assert error.detail == {"file": "sdn.csv", "line": 3, "field": "ent_num"}
    assert "line 1" in str(error)


def test_non_numeric_uid_after_the_first_row() -> None:
    error = parse_error({"sdn.csv": csv_bytes(PERSON, "X" + COMPANY)})
    assert error.detail == {"file": "sdn.csv", "line": 2, "field": "ent_num"}


def test_missing_name() -> None:
    row = f'5,{E},{E},"SDGT",{E},{E},{E},{E},{E},{E},{E},{E}'
    error = parse_error({"sdn.csv": csv_bytes(row)})
    assert error.detail["field"] == "SDN_Name"


def test_unknown_type() -> None:
    row = PERSON.replace('"individual"', '"spaceship"')
    error = parse_error({"sdn.csv": csv_bytes(COMPANY, row)})
    assert error.detail == {"file": "sdn.csv", "line": 2, "field": "SDN_Type"}


def test_bad_quoting() -> None:
    row = PERSON.replace('"CHOE, Ryong Hae"', '"CHOE" Ryong Hae"')
    error = parse_error({"sdn.csv": csv_bytes(COMPANY, row)})
    assert error.detail["file"] == "sdn.csv"
    assert error.detail["line"] == 2


def test_alias_of_unknown_uid() -> None:
    files = {"sdn.csv": csv_bytes(PERSON), "alt.csv": csv_bytes(f'99,1,"aka","NOBODY",{E}')}
    assert parse_error(files).detail == {"file": "alt.csv", "line": 1, "field": "ent_num"}


def test_unknown_alias_type() -> None:
    files = {"sdn.csv": csv_bytes(PERSON), "alt.csv": csv_bytes(f'23213,1,"xyz","CHOE",{E}')}
    assert parse_error(files).detail == {"file": "alt.csv", "line": 1, "field": "alt_type"}


def test_short_address_row() -> None:
    files = {"sdn.csv": csv_bytes(PERSON), "add.csv": csv_bytes('23213,1,"Street","City"')}
    assert parse_error(files).detail == {"file": "add.csv", "line": 1, "field": "Country"}


def test_remarks_continue_mid_word_in_comments() -> None:
    head = "Linked To: ALPHA LTD.; Linked To: PROMO RAI"
    row = f'12300,"CIFUENTES, Jorge","individual","SDNT",{E},{E},{E},{E},{E},{E},{E},"{head}"'
    files = {
        "sdn.csv": csv_bytes(row, COMPANY.replace("BANCO NACIONAL DE CUBA", "PROMO RAIZ S.A.S.")),
        "sdn_comments.csv": csv_bytes('12300,"Z S.A.S.; Linked To: OMEGA."'),
    }
    person, company = SDN_CSV.parse(files).entities
    assert person.designation.remarks == f"{head}Z S.A.S.; Linked To: OMEGA."
    assert [(link.target, link.target_id) for link in person.links] == [
        ("ALPHA LTD.", None),
        ("PROMO RAIZ S.A.S.", company.id),
        ("OMEGA", None),
    ]


def test_remarks_cut_without_comments_file_keep_last_fragment_as_text() -> None:
    remarks = "a.k.a. 'FIRST'; " + "Website www.example.com; " * 38 + "Linked To: SOME LONG NAME"
    remarks = (remarks + " UNLIMITED")[:1000]  # cut as OFAC cuts: "... NAME UNLIMITE"
    assert remarks.endswith("NAME UNLIMITE")
    row = f'8,"CUT SHORT CO.",{E},"SDGT",{E},{E},{E},{E},{E},{E},{E},"{remarks}"'
    result = SDN_CSV.parse({"sdn.csv": csv_bytes(row)})
    (company,) = result.entities
    assert [name.full for name in company.names_of(NameKind.WEAK_ALIAS)] == ["FIRST"]
    assert company.extra["website"] == ("www.example.com",)
    assert company.links == ()  # half a name is not a link target
    assert company.designation.remarks == remarks
    assert result.notes[0].startswith("1 remarks were cut")


def test_malformed_remark_date_is_kept_as_text() -> None:
    """A publisher's impossible date must not stop the load."""
    row = PERSON.replace("DOB 15 Jan 1950.", "DOB 31 Feb 1970; alt. DOB 1971.")
    (choe,) = SDN_CSV.parse({"sdn.csv": csv_bytes(row)}).entities
    assert [spec.iso for spec in choe.birth_dates] == ["1971"]
    assert choe.designation.remarks == "DOB 31 Feb 1970; alt. DOB 1971."


def test_programs_split() -> None:
    row = COMPANY.replace('"CUBA"', '"SDNTK] [FTO] [SDGT"')
    (company,) = SDN_CSV.parse({"sdn.csv": csv_bytes(row)}).entities
    assert company.designation.programs == ("SDNTK", "FTO", "SDGT")


def test_vessel_columns() -> None:
    row = (
        '15036,"ARTAVIL","vessel","IRAN",-0- ,"T2EU4","Crude/Oil Products Tanker","99,144",'
        '"56,068","Atlantis","NITC","Vessel Registration Identification IMO 9187629."'
    )
    (vessel,) = SDN_CSV.parse({"sdn.csv": csv_bytes(row)}).entities
    assert vessel.schema is Schema.VESSEL
    assert vessel.countries == ()
    assert vessel.extra["flag"] == ("Atlantis",)  # an unknown flag is kept as text
    assert vessel.extra["ownerName"] == ("NITC",)
    assert [ident.value for ident in vessel.identifiers] == ["T2EU4", "9187629"]


def test_cons_set_with_empty_comments_file() -> None:
    files = {"cons_prim.csv": csv_bytes(COMPANY), "cons_comments.csv": b""}
    assert CONS_CSV.claim(files) == ("cons_prim.csv", "cons_comments.csv")
    result = CONS_CSV.parse(files)
    assert (result.source, len(result.entities)) == ("us_ofac_cons", 1)


def test_file_names_match_whatever_their_case() -> None:
    assert SDN_CSV.claim({"SDN.CSV": csv_bytes(COMPANY)}) == ("SDN.CSV",)


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"source,entity_number,type,programs,name,title,addresses,x,y,z,u,v\n",
        csv_bytes(f'24,"SHORT ROW",{E},"SDGT",{E},{E},{E},{E},{E},{E},{E}'),
        b'<?xml version="1.0"?><sdnList></sdnList>',
    ],
    ids=["empty", "header", "eleven-columns", "xml"],
)
def test_wrong_format_is_not_claimed(data: bytes) -> None:
    assert SDN_CSV.claim({"sdn.csv": data}) == ()


def test_optional_files_alone_are_not_claimed() -> None:
    files = {"alt.csv": csv_bytes(f'306,220,"aka","NATIONAL BANK OF CUBA",{E}')}
    assert SDN_CSV.claim(files) == ()
    with pytest.raises(ParseError, match=r"sdn\.csv is missing"):
        SDN_CSV.parse(files)


def test_truncated_file() -> None:
    """A download cut inside a quoted field, or inside a row."""
    data = csv_bytes(COMPANY, PERSON, tail=b"")
    inside_quotes = data[: data.index(b"DOB 15")]
    assert parse_error({"sdn.csv": inside_quotes}).detail == {"file": "sdn.csv", "line": 2}
    inside_row = data[: data.index(b'"DPRK2"')]
    assert parse_error({"sdn.csv": inside_row}).detail["field"] == "Title"
