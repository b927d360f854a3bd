"""The UN consolidated list XML reads into the right entities, and malformed files are refused.

Protects: the record counts of the four real files; the mapping of names (alias qualities,
original script), dates of birth (exact, circa, between, a date in a note), documents (one
passport stated in three languages), addresses and designations; strictness on ids, dates and
truncated or hostile files; claiming by root tag only.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from proscribe.errors import ParseError, UnsafeInputError
from proscribe.model import Country, CountryRole, Entity, NameKind, Schema
from proscribe.sources.base import ParsedList
from proscribe.sources.un_sc import FORMATS
from proscribe.sources.un_sc.map import script_of, xsd_date
from tests.conftest import read_folder

UN_XML = FORMATS[0]
FOLDERS = {
    "2018-08-24": (1098, 701, 397),
    "2018-10-29": (1093, 703, 390),
    "2025-11-20": (1000, 727, 273),
    "2026-02-27": (1003, 730, 273),
}
_parsed: dict[str, ParsedList] = {}


def parsed(data_dir: Path, snapshot: str) -> ParsedList:
    """Each real file is read once per test session."""
    if snapshot not in _parsed:
        files = read_folder(data_dir / "un_sc_consolidated" / snapshot)
        _parsed[snapshot] = UN_XML.parse(files)
    return _parsed[snapshot]


def entity(data_dir: Path, snapshot: str, ref: str) -> Entity:
    found = [e for e in parsed(data_dir, snapshot).entities if e.id == ref]
    assert len(found) == 1
    return found[0]


def without_remarks(item: Entity) -> dict[str, Any]:
    data = item.to_dict()
    data["designation"].pop("remarks", None)
    return data


# --- the real files ---------------------------------------------------------------------


@pytest.mark.parametrize("snapshot", sorted(FOLDERS))
def test_counts_match_the_published_files(data_dir: Path, snapshot: str) -> None:
    total, individuals, entities = FOLDERS[snapshot]
    result = parsed(data_dir, snapshot)
    schemas = Counter(item.schema for item in result.entities)
    assert len(result.entities) == total
    assert schemas == {Schema.PERSON: individuals, Schema.ORGANIZATION: entities}
    assert str(result.published) == snapshot
    assert (result.source, result.format, result.stated_count) == ("un_sc", "un_xml", None)
    assert len({item.id for item in result.entities}) == total


@pytest.mark.parametrize("snapshot", sorted(FOLDERS))
def test_every_entity_has_one_primary_name_and_a_program(data_dir: Path, snapshot: str) -> None:
    for item in parsed(data_dir, snapshot).entities:
        assert len(item.names_of(NameKind.PRIMARY)) == 1, item.id
        assert item.designation.programs, item.id
        assert item.designation.listed_on is not None, item.id


def test_claims_only_the_un_file(data_dir: Path) -> None:
    files = read_folder(data_dir / "un_sc_consolidated" / "2025-11-20")
    files.update(read_folder(data_dir / "eu_fsf_excerpt" / "2016-02-11"))
    assert UN_XML.claim(files) == ("un_consolidated.xml",)


def test_dprk_individual_with_a_passport_stated_in_three_languages(data_dir: Path) -> None:
    # KPi.008 lists passport 645120196 as "Numéro de passeport", "Número de pasaporte" and
    # "Passport": one identifier, issued by the DPRK.
    item = entity(data_dir, "2026-02-27", "KPi.008")
    assert without_remarks(item) == {
        "source": "un_sc",
        "id": "KPi.008",
        "schema": "Person",
        "names": [
            {"full": "RA KY'ONG-SU", "kind": "primary"},
            {"full": "Ra Kyung-Su", "kind": "alias"},
            {"full": "Chang Myong Ho", "kind": "alias"},
            {"full": "Chang Myo’ng-Ho", "kind": "alias"},
            {"full": "Chang Myong-Ho", "kind": "alias"},
            {"full": "Ra Kyong-Su", "kind": "alias"},
        ],
        "designation": {
            "source": "un_sc",
            "programs": ["DPRK"],
            "listed_on": "2013-01-22",
            "authority": "United Nations Security Council",
        },
        "birth_dates": ["1954-06-04"],
        "countries": [["kp", "nationality"]],
        "identifiers": [
            {"type": "passport", "value": "645120196", "country": "kp", "label": "Passport"}
        ],
        "extra": {
            "listType": ["UN List"],
            "modifiedAt": ["2016-03-02", "2022-07-26", "2023-06-29"],
            "position": ["Tanchon Commercial Bank (TCB) official"],
        },
    }
    assert item.designation.remarks is not None
    assert item.designation.remarks.startswith("Ra Ky'ong-Su is a Tanchon Commercial Bank")


def test_dprk_individual_born_between_two_years(data_dir: Path) -> None:
    item = entity(data_dir, "2026-02-27", "KPi.066")
    assert [spec.iso for spec in item.birth_dates] == ["1967/1969"]
    assert item.names_of(NameKind.ALIAS)[0].full == "Kim Cho’ng-sik"
    assert item.countries == (
        Country("kp", CountryRole.ADDRESS),
        Country("kp", CountryRole.NATIONALITY),
    )
    assert item.addresses[0].full == "Democratic People's Republic of Korea"
    assert item.gender is None  # the remark says "Gender: male"; nothing is derived from it


def test_individual_born_circa_with_arabic_original_name(data_dir: Path) -> None:
    item = entity(data_dir, "2026-02-27", "TAi.024")
    assert without_remarks(item) == {
        "source": "un_sc",
        "id": "TAi.024",
        "schema": "Person",
        "names": [
            {"full": "ABDUL GHANI BARADAR ABDUL AHMAD TURK", "kind": "primary"},
            {
                "full": "عبدالغنی برادر عبد الاحمد ترک",
                "kind": "original_script",
                "script": "Arabic",
            },
            {"full": "Mullah Baradar Akhund", "kind": "alias"},
            {"full": "Abdul Ghani Baradar", "kind": "alias"},
        ],
        "designation": {
            "source": "un_sc",
            "programs": ["Taliban"],
            "listed_on": "2001-02-23",
            "authority": "United Nations Security Council",
        },
        "birth_dates": ["~1968"],
        "birth_places": ["Yatimak village, Dehrawood District, Uruzgan Province, Afghanistan"],
        "countries": [["af", "birth_place"], ["af", "nationality"]],
        "extra": {
            "listType": ["UN List"],
            "modifiedAt": ["2003-09-03", "2007-07-18", "2007-09-21", "2012-02-13"],
            "notes": ["Abdul Ghani Baradar: previously listed as"],
            "position": ["Deputy Minister of Defence under the Taliban regime"],
            "title": ["Mullah"],
        },
    }


def test_individual_with_good_and_low_aliases_and_a_date_in_a_note(data_dir: Path) -> None:
    item = entity(data_dir, "2026-02-27", "QDi.306")
    kinds = [(name.full, name.kind) for name in item.names]
    assert kinds[2:] == [
        ("حسن غول (Hassan Ghul; Hassan Gul; Hasan Gul)", NameKind.ALIAS),
        ("Khalid Mahmud", NameKind.ALIAS),
        ("Ahmad Shahji", NameKind.WEAK_ALIAS),
        ("Mustafa Muhammad", NameKind.WEAK_ALIAS),
        ("Abu Gharib al-Madani", NameKind.WEAK_ALIAS),
        ("أبو شيماء (Abu-Shaima; Abu- Shayma)", NameKind.WEAK_ALIAS),
    ]
    # "Between Aug. and Sep. 1977" in the NOTE of an EXACT date, and YEAR 1976.
    assert [spec.iso for spec in item.birth_dates] == ["1977-08/1977-09", "1976"]
    assert item.birth_places == ("Al-Madinah, Saudi Arabia", "Sangrar, Sindh Province, Pakistan")
    assert item.countries == (
        Country("sa", CountryRole.BIRTH_PLACE),
        Country("pk", CountryRole.BIRTH_PLACE),
        Country("pk", CountryRole.NATIONALITY),
        Country("sa", CountryRole.NATIONALITY),
    )


def test_entity_with_aka_and_fka_names(data_dir: Path) -> None:
    item = entity(data_dir, "2026-02-27", "CDe.001")
    assert without_remarks(item) == {
        "source": "un_sc",
        "id": "CDe.001",
        "schema": "Organization",
        "names": [
            {"full": "ADF", "kind": "primary"},
            {"full": "Allied Democratic Forces", "kind": "alias"},
            {
                "full": "Forces Démocratiques Alliées-Armée Nationale de Libération de l’Ouganda",
                "kind": "former",
            },
            {"full": "ADF/NALU", "kind": "former"},
            {"full": "NALU", "kind": "former"},
        ],
        "designation": {
            "source": "un_sc",
            "programs": ["DRC"],
            "listed_on": "2014-06-30",
            "authority": "United Nations Security Council",
        },
        "countries": [["cd", "address"]],
        "addresses": [
            {
                "full": "North Kivu, Democratic Republic of the Congo",
                "region": "North Kivu",
                "country": "cd",
            }
        ],
        "extra": {"listType": ["UN List"], "modifiedAt": ["2016-10-19", "2020-08-19"]},
    }


def test_2018_file_values_with_stray_spaces(data_dir: Path) -> None:
    item = entity(data_dir, "2018-08-24", "KPi.033")
    assert item.caption == "RI WON HO"  # <FIRST_NAME> RI </FIRST_NAME>
    assert [(i.type.value, i.value) for i in item.identifiers] == [("passport", "381310014")]
    assert [spec.iso for spec in item.birth_dates] == ["1964-07-17"]


def test_2018_original_script_with_a_language_label(data_dir: Path) -> None:
    item = entity(data_dir, "2018-08-24", "LYi.022")
    (original,) = item.names_of(NameKind.ORIGINAL_SCRIPT)
    assert (original.full, original.script, original.lang) == ("ፍትዊ ዓብዱረዛቕ", "Ethiopic", "ti")
    assert item.extra["notes"] == ("Date of birth: 30-35 years old",)


def test_no_korean_original_script_names_in_the_files(data_dir: Path) -> None:
    # Recorded fact, not a wish: the UN gives DPRK names in Latin letters only, so screening a
    # Hangul query against un_sc relies on transliteration.
    scripts = Counter(
        name.script
        for item in parsed(data_dir, "2026-02-27").entities
        for name in item.names_of(NameKind.ORIGINAL_SCRIPT)
    )
    assert scripts == {"Arabic": 366, "Cyrillic": 11, "Latin": 1}


# --- hand-written edge cases --------------------------------------------------------------

HEAD = (
    b'<?xml version="1.0" encoding="UTF-8"?>\n'
    b'<CONSOLIDATED_LIST dateGenerated="2024-01-02T00:00:00Z">\n'
)


def individual(ref: str = "XXi.001", extra: str = "") -> str:
    ref_element = f"<REFERENCE_NUMBER>{ref}</REFERENCE_NUMBER>" if ref else ""
    return (
        f"<INDIVIDUAL><DATAID>1</DATAID><FIRST_NAME>JOHN</FIRST_NAME><SECOND_NAME>DOE"
        f"</SECOND_NAME><UN_LIST_TYPE>Test</UN_LIST_TYPE>{ref_element}"
        f"<LISTED_ON>2015-03-27-04:00</LISTED_ON>{extra}</INDIVIDUAL>\n"
    )


def document(*records: str) -> bytes:
    body = "".join(records)
    return (
        HEAD + f"<INDIVIDUALS>\n{body}</INDIVIDUALS>\n<ENTITIES/>\n</CONSOLIDATED_LIST>\n".encode()
    )


def parse_one(data: bytes) -> ParsedList:
    return UN_XML.parse({"un.xml": data})


def test_minimal_document() -> None:
    result = parse_one(document(individual()))
    (item,) = result.entities
    assert (item.id, item.caption, item.schema) == ("XXi.001", "JOHN DOE", Schema.PERSON)
    assert item.designation.listed_on is not None
    assert item.designation.listed_on.iso == "2015-03-27"  # xsd:date with a time zone
    assert str(result.published) == "2024-01-02"


def test_missing_reference_number_names_field_and_line() -> None:
    with pytest.raises(ParseError) as error:
        parse_one(document(individual(), individual(ref="")))
    assert error.value.detail == {"file": "un.xml", "line": 5, "field": "REFERENCE_NUMBER"}


def test_duplicate_reference_number() -> None:
    with pytest.raises(ParseError, match="used twice") as error:
        parse_one(document(individual(), individual()))
    assert error.value.detail["line"] == 5


def test_unreadable_date_of_birth() -> None:
    bad = "<INDIVIDUAL_DATE_OF_BIRTH><TYPE_OF_DATE>EXACT</TYPE_OF_DATE><DATE>1964-13-45</DATE>"
    with pytest.raises(ParseError) as error:
        parse_one(document(individual(extra=bad + "</INDIVIDUAL_DATE_OF_BIRTH>")))
    assert error.value.detail["field"] == "INDIVIDUAL_DATE_OF_BIRTH/DATE"


def test_unknown_alias_quality() -> None:
    alias = (
        "<INDIVIDUAL_ALIAS><QUALITY>Medium</QUALITY><ALIAS_NAME>J</ALIAS_NAME></INDIVIDUAL_ALIAS>"
    )
    with pytest.raises(ParseError) as error:
        parse_one(document(individual(extra=alias)))
    assert error.value.detail["field"] == "INDIVIDUAL_ALIAS/QUALITY"


def test_record_without_a_name() -> None:
    nameless = individual().replace(
        "<FIRST_NAME>JOHN</FIRST_NAME><SECOND_NAME>DOE</SECOND_NAME>", ""
    )
    with pytest.raises(ParseError) as error:
        parse_one(document(nameless))
    assert error.value.detail["field"] == "FIRST_NAME"


def test_dates_of_birth_in_their_odd_forms() -> None:
    dates = "".join(
        f"<INDIVIDUAL_DATE_OF_BIRTH>{body}</INDIVIDUAL_DATE_OF_BIRTH>"
        for body in (
            "<TYPE_OF_DATE>EXACT</TYPE_OF_DATE><DATE>1960-01-01-05:00</DATE>",
            "<TYPE_OF_DATE>EXACT</TYPE_OF_DATE><NOTE>Sep.</NOTE><YEAR>1958</YEAR>",
            "<TYPE_OF_DATE>APPROXIMATELY</TYPE_OF_DATE><YEAR>1975</YEAR>",
            "<TYPE_OF_DATE>BETWEEN</TYPE_OF_DATE><NOTE>Approximately</NOTE>"
            "<FROM_YEAR>1955</FROM_YEAR><TO_YEAR>1958</TO_YEAR>",
            "<TYPE_OF_DATE>EXACT</TYPE_OF_DATE><NOTE>Nov. 1973</NOTE>",
            "<TYPE_OF_DATE>EXACT</TYPE_OF_DATE><NOTE>24/06/1402 (Hijri Calendar)</NOTE>",
            "<TYPE_OF_DATE/>",
        )
    )
    (item,) = parse_one(document(individual(extra=dates))).entities
    assert [spec.iso for spec in item.birth_dates] == [
        "1960-01-01", "1958-09", "~1975", "~1955/1958", "1973-11",
    ]  # fmt: skip
    assert item.extra["notes"] == ("Date of birth: 24/06/1402 (Hijri Calendar)",)


def test_truncated_file_names_file_and_line() -> None:
    data = document(individual(), individual("XXi.002"))
    with pytest.raises(ParseError) as error:
        parse_one(data[: len(data) // 2])
    assert error.value.detail["file"] == "un.xml"
    assert isinstance(error.value.detail.get("line"), int)


def test_entity_expansion_is_refused() -> None:
    bomb = (
        b'<?xml version="1.0"?>\n<!DOCTYPE CONSOLIDATED_LIST [<!ENTITY a "aaaaaaaaaa">'
        b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>\n'
        b"<CONSOLIDATED_LIST><INDIVIDUALS/><ENTITIES/>&b;</CONSOLIDATED_LIST>"
    )
    assert UN_XML.claim({"bomb.xml": bomb}) == ("bomb.xml",)
    with pytest.raises(UnsafeInputError):
        parse_one(bomb)


@pytest.mark.parametrize(
    "data",
    [
        b'<?xml version="1.0"?><sdnList><publshInformation/></sdnList>',
        b'<?xml version="1.0"?>\n<WHOLE Date="11/02/2016"><ENTITY Id="1"/></WHOLE>',
        b"Unique ID,Name,Regime\nAFG0001,X,Y\n",
        b"",
        # the root tag is looked for in the first 4 KB only
        b"<?xml version='1.0'?>\n<!--" + b"x" * 5000 + b"-->\n<CONSOLIDATED_LIST/>",
    ],
)
def test_other_files_are_not_claimed(data: bytes) -> None:
    assert UN_XML.claim({"other.xml": data}) == ()


def test_unexpected_element_in_a_section() -> None:
    data = document(individual()).replace(b"<INDIVIDUALS>\n", b"<INDIVIDUALS>\n<PERSON/>")
    with pytest.raises(ParseError) as error:
        parse_one(data)
    assert error.value.detail["field"] == "PERSON"


@pytest.mark.parametrize(
    ("text", "script"),
    [
        ("김정은", "Hangul"),
        ("阿不都·哈克", "Han"),
        ("Умаров Доку", "Cyrillic"),
        ("صدام حسين", "Arabic"),
        ("JAMAAH ANSHARUT DAULAH", "Latin"),
        ("ፍትዊ ዓብዱረዛቕ (Tigrinya)", "Ethiopic"),
        ("1234 - ()", None),
    ],
)
def test_script_of(text: str, script: str | None) -> None:
    assert script_of(text) == script


def test_xsd_date_drops_the_time_zone_only() -> None:
    assert xsd_date("2015-03-27-04:00") == "2015-03-27"
    assert xsd_date("2015-03-27Z") == "2015-03-27"
    assert xsd_date("1975") == "1975"
