"""The EU consolidated list in both XML schemas reads into the right entities.

Protects: the counts of the real 1.0 excerpt (595 entities, 319 persons, 2,697 distinct names);
the mapping of names, dates (circa years and ranges), alpha-3 countries, the packed 1.0
PASSPORT NUMBER, contacts in addresses; the 1.1 mapping on a hand-written document covering
every element read (no real 1.1 file is in the data folder); strictness on ids, types, dates,
truncated and hostile files; claiming by root tag (and namespace for 1.1) only.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from proscribe.errors import ParseError, UnsafeInputError
from proscribe.model import Entity, NameKind, Schema
from proscribe.sources.base import ParsedList
from proscribe.sources.eu_fsf import FORMATS
from proscribe.sources.eu_fsf.map import alpha2, alpha3, lettered
from tests.conftest import read_folder

EU_1_1, EU_1_0 = FORMATS
_parsed: list[ParsedList] = []


def excerpt(data_dir: Path) -> ParsedList:
    """The real 1.0 file, read once per session."""
    if not _parsed:
        _parsed.append(EU_1_0.parse(read_folder(data_dir / "eu_fsf_excerpt" / "2016-02-11")))
    return _parsed[0]


def by_id(entities: list[Entity], entity_id: str) -> dict[str, Any]:
    (found,) = [item for item in entities if item.id == entity_id]
    return found.to_dict()


# --- 1.0, the real excerpt ----------------------------------------------------------------


def test_excerpt_counts(data_dir: Path) -> None:
    result = excerpt(data_dir)
    assert (result.source, result.format, str(result.published)) == (
        "eu_fsf",
        "eu_xml_1_0",
        "2016-02-11",
    )
    assert len(result.entities) == 595
    assert Counter(item.schema for item in result.entities) == {
        Schema.PERSON: 319,
        Schema.ORGANIZATION: 276,
    }
    assert sum(len(item.names) for item in result.entities) == 2697
    assert all(len(item.names_of(NameKind.PRIMARY)) == 1 for item in result.entities)
    assert result.stated_count is None


def test_formats_claim_their_own_schema_only(data_dir: Path) -> None:
    files = read_folder(data_dir / "eu_fsf_excerpt" / "2016-02-11")
    files.update(read_folder(data_dir / "un_sc_consolidated" / "2018-10-29"))
    files["export.xml"] = EXPORT
    assert EU_1_0.claim(files) == ("data.xml",)
    assert EU_1_1.claim(files) == ("export.xml",)


def test_mugabe_with_a_packed_passport_number(data_dir: Path) -> None:
    # Two NAME elements state the same name (one per legal act): one name. FUNCTION
    # "President" and "president": one position.
    assert by_id(excerpt(data_dir).entities, "1") == {
        "source": "eu_fsf",
        "id": "1",
        "schema": "Person",
        "names": [
            {
                "full": "Robert Gabriel Mugabe",
                "kind": "primary",
                "first": "Robert",
                "last": "Mugabe",
            }
        ],
        "designation": {
            "source": "eu_fsf",
            "programs": ["ZWE"],
            "listed_on": "2012-02-21",
            "authority": "European Union",
            "remarks": "(Entity is sanctioned in regime 310/2002 (OJ L50) of programme ZWE, "
            "in regime 314/2004 (OJ L55) of programme ZWE)",
        },
        "birth_dates": ["1924-02-21"],
        "birth_places": ["Kutama"],
        "gender": "male",
        "identifiers": [
            {"type": "passport", "value": "AD001095", "label": "National passport ((passport))"}
        ],
        "extra": {
            "position": ["President"],
            "sourceUrl": [
                "http://eur-lex.europa.eu/LexUriServ/LexUriServ.do?uri=OJ:L:2012:049:0002:0016:EN:PDF"
            ],
        },
    }


def test_saddam_hussein_with_alpha3_countries_and_a_french_alias(data_dir: Path) -> None:
    assert by_id(excerpt(data_dir).entities, "13") == {
        "source": "eu_fsf",
        "id": "13",
        "schema": "Person",
        "names": [
            {
                "full": "Saddam Hussein Al-Tikriti",
                "kind": "primary",
                "first": "Saddam",
                "last": "Hussein Al-Tikriti",
            },
            {"full": "Abu Ali", "kind": "alias"},
            {"full": "Abou Ali", "kind": "alias", "lang": "fr"},
        ],
        "designation": {
            "source": "eu_fsf",
            "programs": ["IRQ"],
            "listed_on": "2003-07-07",
            "authority": "European Union",
            "remarks": "(UNSC RESOLUTION 1483)",
        },
        "birth_dates": ["1937-04-28"],
        "birth_places": ["al-Awja, near Tikrit, Iraq"],
        "gender": "male",
        "countries": [["iq", "citizenship"], ["iq", "birth_place"]],
        "extra": {
            "sourceUrl": [
                "http://eur-lex.europa.eu/LexUriServ/LexUriServ.do?uri=OJ:L:2003:169:0006:0023:EN:PDF"
            ]
        },
    }


def test_travel_document_typed_by_its_code(data_dir: Path) -> None:
    item = by_id(excerpt(data_dir).entities, "3221")
    assert item["identifiers"] == [
        {
            "type": "other",
            "value": "A 0141062",
            "country": "de",
            "label": "Temporary Travel Document [revoked by issuer](german travel document "
            "(‘reiseausweis’) . revoked as at sep.2012.)",
        }
    ]
    assert item["addresses"] == [
        {"full": "[Bavaria], Germany", "city": "[Bavaria]", "country": "de"}
    ]


def test_circa_range_and_title(data_dir: Path) -> None:
    item = by_id(excerpt(data_dir).entities, "516")
    assert item["birth_dates"] == ["~1958/1963"]  # "1958 - 1963 (approximative)"
    assert item["extra"]["title"] == ["Maulavi"]


def test_phone_numbers_leave_the_address_text(data_dir: Path) -> None:
    item = by_id(excerpt(data_dir).entities, "330")
    assert item["addresses"][0]["full"] == "Jamia Masjid Sulaiman Park Begum Pura, Lahore, Pakistan"
    assert item["extra"]["phone"][:3] == ["042-681 20 81", "0300-820 91 99, 668 33 01", "662 38 14"]
    assert len(item["names"]) == 13


# --- 1.0, hand-written edge cases ---------------------------------------------------------


def whole(*entities: str) -> bytes:
    body = "\n".join(entities)
    head = '<?xml version="1.0" encoding="UTF-8"?>\n<WHOLE Date="11/02/2016">\n'
    return f"{head}{body}\n</WHOLE>\n".encode()


def legacy_entity(entity_id: str = "7", kind: str = "P", birth: str = "1960") -> str:
    id_attr = f' Id="{entity_id}"' if entity_id else ""
    return (
        f'<ENTITY{id_attr} Type="{kind}" reg_date="2005-06-16" programme="ZWE" remark="">\n'
        f"<NAME><WHOLENAME>Jane Roe</WHOLENAME><GENDER>F</GENDER></NAME>\n"
        f"<BIRTH><DATE>{birth}</DATE><PLACE/><COUNTRY>YUG</COUNTRY></BIRTH>\n</ENTITY>"
    )


def test_legacy_minimal_entity() -> None:
    (item,) = EU_1_0.parse({"eu.xml": whole(legacy_entity())}).entities
    assert (item.id, item.caption, item.gender) == ("7", "Jane Roe", "female")
    assert [spec.iso for spec in item.birth_dates] == ["1960"]
    assert item.birth_places == ("Serbia",)  # YUG, read through its historic name


def test_legacy_missing_id() -> None:
    with pytest.raises(ParseError) as error:
        EU_1_0.parse({"eu.xml": whole(legacy_entity(), legacy_entity(entity_id=""))})
    assert error.value.detail == {"file": "eu.xml", "line": 7, "field": "ENTITY/@Id"}


def test_legacy_duplicate_id() -> None:
    with pytest.raises(ParseError, match="used twice"):
        EU_1_0.parse({"eu.xml": whole(legacy_entity(), legacy_entity())})


def test_legacy_unknown_type() -> None:
    with pytest.raises(ParseError) as error:
        EU_1_0.parse({"eu.xml": whole(legacy_entity(kind="V"))})
    assert error.value.detail["field"] == "ENTITY/@Type"


def test_legacy_unreadable_birth_date() -> None:
    with pytest.raises(ParseError) as error:
        EU_1_0.parse({"eu.xml": whole(legacy_entity(birth="sometime in the sixties"))})
    assert error.value.detail == {"file": "eu.xml", "line": 5, "field": "BIRTH/DATE"}


def test_legacy_truncated_file() -> None:
    data = whole(legacy_entity("1"), legacy_entity("2"))
    with pytest.raises(ParseError) as error:
        EU_1_0.parse({"eu.xml": data[:-40]})
    assert error.value.detail["file"] == "eu.xml"
    assert isinstance(error.value.detail.get("line"), int)


# --- 1.1, a hand-written document covering every element read ------------------------------

EXPORT = b"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<export xmlns="http://eu.europa.ec/fpi/fsd/export" generationDate="2024-03-05T17:12:09.512+01:00"
 globalFileId="140436">
  <sanctionEntity designationDetails="" unitedNationId="IQi.001" euReferenceNumber="EU.27.28"
   logicalId="13" designationDate="2003-07-07">
    <remark>UNSC RESOLUTION 1483</remark>
    <regulation regulationType="regulation" organisationType="council" publicationDate="2003-07-08"
     entryIntoForceDate="2003-07-08" numberTitle="1210/2003 (OJ L169)" programme="IRQ"
     logicalId="348">
      <publicationUrl>http://eur-lex.europa.eu/eli/reg/2003/1210/oj</publicationUrl>
    </regulation>
    <subjectType code="person" classificationCode="P"/>
    <nameAlias firstName="Saddam" middleName="" lastName="Hussein Al-Tikriti"
     wholeName="Saddam Hussein Al-Tikriti" gender="M" title="" nameLanguage="" strong="true"
     function="(a) President, (b) Chairman of the Revolutionary Command Council"
     regulationLanguage="en" logicalId="17">
      <regulationSummary regulationType="regulation" publicationDate="2003-07-08"
       numberTitle="1210/2003 (OJ L169)" publicationUrl="http://eur-lex.europa.eu/"/>
    </nameAlias>
    <nameAlias wholeName="Abu Ali" gender="" nameLanguage="" strong="false" logicalId="19"/>
    <nameAlias wholeName="Abou Ali" nameLanguage="FR" strong="true" logicalId="380"/>
    <nameAlias wholeName="Saddam Hussein Al-Tikriti" nameLanguage="DE" strong="true"
     logicalId="381"/>
    <citizenship region="" countryIso2Code="IQ" countryDescription="IRAQ" logicalId="1"/>
    <birthdate circa="false" calendarType="GREGORIAN" city="al-Awja, near Tikrit" zipCode=""
     birthdate="1937-04-28" dayOfMonth="28" monthOfYear="4" year="1937" region="" place=""
     countryIso2Code="IQ" countryDescription="IRAQ" logicalId="14"/>
    <birthdate circa="true" calendarType="GREGORIAN" year="1939" countryIso2Code="00"
     countryDescription="UNKNOWN" logicalId="15"/>
    <identification diplomatic="false" knownExpired="true" knownFalse="false"
     reportedLost="false" revokedByIssuer="false" issuedBy="" latinNumber="" number="M0001234"
     countryIso2Code="IQ" countryDescription="IRAQ" identificationTypeCode="passport"
     identificationTypeDescription="National passport" issueDate="1997-01-15" logicalId="99">
      <remark>issued in Baghdad</remark>
    </identification>
    <identification number="" countryIso2Code="00" countryDescription="UNKNOWN"
     identificationTypeCode="id" identificationTypeDescription="National identification card"
     logicalId="100">
      <remark>number not known</remark>
    </identification>
  </sanctionEntity>
  <sanctionEntity designationDetails="Front company of KOMID" euReferenceNumber="EU.3523.13"
   logicalId="207" designationDate="2016-03-02">
    <regulation regulationType="amendment" programme="PRK" logicalId="1">
      <publicationUrl>https://eur-lex.europa.eu/eli/reg/2016/315/oj</publicationUrl>
    </regulation>
    <regulation regulationType="amendment" programme="PRK" logicalId="2">
      <publicationUrl>https://eur-lex.europa.eu/eli/reg/2017/1509/oj</publicationUrl>
    </regulation>
    <subjectType code="enterprise" classificationCode="E"/>
    <nameAlias wholeName="Korea Heungjin Trading Company" strong="true" logicalId="501"/>
    <nameAlias wholeName="Hunjin Trading Co." strong="true" logicalId="502">
      <remark>low quality alias</remark>
    </nameAlias>
    <nameAlias wholeName="\xd0\x9a\xd0\xbe\xd1\x80\xd0\xb5\xd1\x8f" nameLanguage="BG" strong="true"
     logicalId="503"/>
    <address city="Pyongyang" street="Mangungdae-gu" poBox="PO Box 111" zipCode="" region=""
     place="" asAtListingTime="true" countryIso2Code="KP" countryDescription="NORTH KOREA"
     logicalId="601">
      <remark>head office</remark>
      <contactInfo key="PHONE" value="+850 2 18111"/>
      <contactInfo key="EMAIL" value="sales@example.kp"/>
    </address>
    <identification number="12345" identificationTypeCode="regnumber"
     identificationTypeDescription="Registration Number" countryIso2Code="KP" logicalId="602"/>
  </sanctionEntity>
  <sanctionEntity euReferenceNumber="EU.9.99" logicalId="9001">
    <regulation programme="SYR" logicalId="3"/>
    <subjectType code="person" classificationCode="P"/>
    <nameAlias firstName="Amina" lastName="Haddad" strong="false" gender="F"
     title="(a) Doctor, (b) Professor" logicalId="901"/>
    <birthdate circa="true" yearRangeFrom="1955" yearRangeTo="1958" countryIso2Code="00"
     logicalId="902"/>
    <birthdate monthOfYear="3" year="1960" countryIso2Code="SY" city="Aleppo" logicalId="903"/>
    <birthdate calendarType="ISLAMIC" birthdate="1380-01-01" logicalId="904"/>
    <citizenship countryIso2Code="SY" countryDescription="SYRIA" logicalId="905"/>
  </sanctionEntity>
</export>
"""


def export_entities(data: bytes = EXPORT) -> list[Entity]:
    return EU_1_1.parse({"export.xml": data}).entities


def test_export_reads_three_entities() -> None:
    result = EU_1_1.parse({"export.xml": EXPORT})
    assert (result.format, str(result.published)) == ("eu_xml_1_1", "2024-03-05")
    assert [item.id for item in result.entities] == ["13", "207", "9001"]


def test_export_person_with_every_element() -> None:
    assert by_id(export_entities(), "13") == {
        "source": "eu_fsf",
        "id": "13",
        "schema": "Person",
        "names": [
            {
                "full": "Saddam Hussein Al-Tikriti",
                "kind": "primary",
                "first": "Saddam",
                "last": "Hussein Al-Tikriti",
            },
            {"full": "Abu Ali", "kind": "weak_alias"},  # strong="false"
            {"full": "Abou Ali", "kind": "alias", "lang": "fr"},
        ],
        "designation": {
            "source": "eu_fsf",
            "programs": ["IRQ"],
            "listed_on": "2003-07-07",
            "authority": "European Union",
            "remarks": "UNSC RESOLUTION 1483",
        },
        "birth_dates": ["1937-04-28", "~1939"],
        "birth_places": ["al-Awja, near Tikrit, Iraq"],
        "gender": "male",
        "countries": [["iq", "citizenship"], ["iq", "birth_place"]],
        "identifiers": [
            {
                "type": "passport",
                "value": "M0001234",
                "country": "iq",
                "label": "National passport; issued 1997-01-15; known to be expired; "
                "issued in Baghdad",
            }
        ],
        "extra": {
            "authorityId": ["EU.27.28"],
            "notes": ["National identification card; number not known"],
            "position": ["President", "Chairman of the Revolutionary Command Council"],
            "sourceUrl": ["http://eur-lex.europa.eu/eli/reg/2003/1210/oj"],
            "unscId": ["IQi.001"],
        },
    }


def test_export_enterprise_with_address_contacts_and_registration() -> None:
    assert by_id(export_entities(), "207") == {
        "source": "eu_fsf",
        "id": "207",
        "schema": "Organization",
        "names": [
            {"full": "Korea Heungjin Trading Company", "kind": "primary"},
            {"full": "Hunjin Trading Co.", "kind": "weak_alias"},  # remark: low quality
            {"full": "Корея", "kind": "alias", "lang": "bg"},
        ],
        "designation": {
            "source": "eu_fsf",
            "programs": ["PRK"],
            "listed_on": "2016-03-02",
            "authority": "European Union",
            "remarks": "Front company of KOMID",
        },
        "countries": [["kp", "address"]],
        "identifiers": [
            {
                "type": "registration",
                "value": "12345",
                "country": "kp",
                "label": "Registration Number",
            }
        ],
        "addresses": [
            {
                "full": "Mangungdae-gu, PO Box 111, Pyongyang, North Korea",
                "street": "Mangungdae-gu, PO Box 111",
                "city": "Pyongyang",
                "country": "kp",
            }
        ],
        "extra": {
            "authorityId": ["EU.3523.13"],
            "email": ["sales@example.kp"],
            "notes": ["head office"],
            "phone": ["+850 2 18111"],
            "sourceUrl": [
                "https://eur-lex.europa.eu/eli/reg/2016/315/oj",
                "https://eur-lex.europa.eu/eli/reg/2017/1509/oj",
            ],
        },
    }


def test_export_partial_and_ranged_birth_dates() -> None:
    item = by_id(export_entities(), "9001")
    assert item["names"] == [
        {"full": "Amina Haddad", "kind": "primary", "first": "Amina", "last": "Haddad"}
    ]  # the only name is weak, so it is still the primary one
    assert item["birth_dates"] == ["~1955/1958", "1960-03"]
    assert item["birth_places"] == ["Aleppo, Syria"]
    assert item["gender"] == "female"
    assert item["extra"]["title"] == ["Doctor", "Professor"]
    assert item["extra"]["notes"] == ["Date of birth (islamic calendar): 1380-01-01"]
    assert "listed_on" not in item["designation"]


def test_export_missing_logical_id() -> None:
    data = EXPORT.replace(b'logicalId="207"', b"")
    with pytest.raises(ParseError) as error:
        export_entities(data)
    assert error.value.detail == {
        "file": "export.xml",
        "line": 43,  # libxml2 gives the line where a multi-line start tag ends
        "field": "sanctionEntity/@logicalId",
    }


def test_export_unknown_subject_type() -> None:
    data = EXPORT.replace(b'code="enterprise"', b'code="vessel"')
    with pytest.raises(ParseError) as error:
        export_entities(data)
    assert error.value.detail["field"] == "subjectType/@code"


def test_export_unreadable_birth_date() -> None:
    data = EXPORT.replace(b'birthdate="1937-04-28"', b'birthdate="1937-13-45"')
    with pytest.raises(ParseError) as error:
        export_entities(data)
    assert error.value.detail["field"] == "birthdate"


def test_export_truncated_file() -> None:
    with pytest.raises(ParseError) as error:
        export_entities(EXPORT[: len(EXPORT) * 2 // 3])
    assert error.value.detail["file"] == "export.xml"
    assert isinstance(error.value.detail.get("line"), int)


def test_entity_expansion_is_refused() -> None:
    bomb = (
        b'<?xml version="1.0"?>\n<!DOCTYPE export [<!ENTITY a "aaaaaaaaaa">'
        b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>\n'
        b'<export xmlns="http://eu.europa.ec/fpi/fsd/export">&b;</export>'
    )
    assert EU_1_1.claim({"bomb.xml": bomb}) == ("bomb.xml",)
    with pytest.raises(UnsafeInputError):
        EU_1_1.parse({"bomb.xml": bomb})
    with pytest.raises(UnsafeInputError):
        EU_1_0.parse({"bomb.xml": bomb.replace(b"export", b"WHOLE") + b"<ENTITY"})


@pytest.mark.parametrize(
    "data",
    [
        b'<?xml version="1.0"?><export generationDate="2024-01-01"><sanctionEntity/></export>',
        b'<?xml version="1.0"?><export xmlns="urn:other"><sanctionEntity/></export>',
        b'<?xml version="1.0"?><CONSOLIDATED_LIST dateGenerated="x"/>',
        b"<WHOLE>no entities here</WHOLE>",
        b"name,type\nx,y\n",
        b"",
    ],
)
def test_other_files_are_not_claimed(data: bytes) -> None:
    assert EU_1_1.claim({"x.xml": data}) == ()
    assert EU_1_0.claim({"x.xml": data}) == ()


# --- helpers ------------------------------------------------------------------------------


def test_country_codes() -> None:
    assert [alpha3(code) for code in ("IRQ", "DEU", "YUG", "XXX", None)] == [
        "iq", "de", "rs", None, None,
    ]  # fmt: skip
    assert [alpha2(code) for code in ("IQ", "00", "CS", "ZZ", None)] == [
        "iq", None, "rs", None, None,
    ]  # fmt: skip


def test_lettered_lists_split() -> None:
    assert lettered("(a) Mullah, (b) Maulavi") == ["Mullah", "Maulavi"]
    assert lettered("Deputy Minister (Intelligence)") == ["Deputy Minister (Intelligence)"]
    assert lettered(None) == []
