"""OFAC's Remarks field, fragment by fragment.

Protects: every kind of fact the remarks parser extracts (dates of birth exact, ranged, circa
and alternative; places of birth with their country; nationality, citizenship, gender;
identifiers with issuing country and with issue/expiry dates cut off; crypto addresses; IMO,
MMSI and aircraft numbers; links and family ties; weak aliases; sanctions notes, including
one that holds a semicolon; contact and company facts), and that unreadable or cut fragments
stay text instead of raising.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from proscribe.model import (
    Country,
    CountryRole,
    DateSpec,
    Identifier,
    IdentifierType,
    Link,
    Name,
    NameKind,
    PartialDate,
)
from proscribe.sources.us_ofac.remarks import (
    find_rule,
    parse_dob,
    parse_identifier,
    parse_quoted,
    parse_remarks,
    split_remarks,
)

T = IdentifierType


def test_split_drops_the_final_full_stop_and_missing_spaces() -> None:
    assert split_remarks("DOB 1960; POB Baghdad, Iraq;arrested 23 Apr 2002.") == [
        "DOB 1960",
        "POB Baghdad, Iraq",
        "arrested 23 Apr 2002",
    ]


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("15 Jan 1950", "1950-01-15"),
        ("01 Jan 1961 to 31 Dec 1963", "1961-01-01/1963-12-31"),
        ("circa 1975", "~1975"),
        ("1946 to 1948", "1946/1948"),
        ("Jan 1950", "1950-01"),
    ],
)
def test_dob(text: str, iso: str) -> None:
    spec = parse_dob(text)
    assert spec is not None
    assert spec.iso == iso


@pytest.mark.parametrize("text", ["31 Feb 1970", "sometime", "15 Jan", "1990 to 1980"])
def test_unreadable_dob_is_none(text: str) -> None:
    assert parse_dob(text) is None


def test_person_facts() -> None:
    facts = parse_remarks(
        "DOB 15 Jan 1950; alt. DOB circa 1951; POB Pyongyang, Korea, North; nationality Korea, "
        "North; citizen Russia; Gender Male; Passport 381310014 (Korea, North) issued 01 Jan 2010 "
        "expires 01 Jan 2015; alt. Passport G025057; National ID No. 22095919778 (Norway)."
    )
    assert facts.birth_dates == [
        DateSpec(PartialDate(1950, 1, 15)),
        DateSpec(PartialDate(1951), circa=True),
    ]
    assert facts.birth_places == ["Pyongyang, Korea, North"]
    assert facts.countries == [
        Country("kp", CountryRole.BIRTH_PLACE),
        Country("kp", CountryRole.NATIONALITY),
        Country("ru", CountryRole.CITIZENSHIP),
    ]
    assert facts.gender == "male"
    assert facts.identifiers == [
        Identifier(T.PASSPORT, "381310014", "kp", "Passport"),
        Identifier(T.PASSPORT, "G025057", None, "Passport"),
        Identifier(T.NATIONAL_ID, "22095919778", "no", "National ID No."),
    ]
    assert facts.unparsed == []


@pytest.mark.parametrize(
    ("fragment", "expected"),
    [
        (
            "Cedula No. 16247821 (Colombia)",
            Identifier(T.NATIONAL_ID, "16247821", "co", "Cedula No."),
        ),
        (
            "C.U.R.P. ZANM821122MSLMBD07 (Mexico)",
            Identifier(T.NATIONAL_ID, "ZANM821122MSLMBD07", "mx", "C.U.R.P."),
        ),
        (
            "R.F.C. ZANM-821122-H87 (Mexico)",
            Identifier(T.TAX_ID, "ZANM-821122-H87", "mx", "R.F.C."),
        ),
        ("Tax ID No. 7744001497 (Russia)", Identifier(T.TAX_ID, "7744001497", "ru", "Tax ID No.")),
        ("NIT # 800146749-7 (Colombia)", Identifier(T.TAX_ID, "800146749-7", "co", "NIT #")),
        (
            "Registration ID HRB 34095 (Germany)",
            Identifier(T.REGISTRATION, "HRB 34095", "de", "Registration ID"),
        ),
        (
            "Company Number 394678 (Virgin Islands, British)",
            Identifier(T.REGISTRATION, "394678", "vg", "Company Number"),
        ),
        (
            "Registration Number HRA 738077 (Stuttgart) (Germany)",
            Identifier(T.REGISTRATION, "HRA 738077 (Stuttgart)", "de", "Registration Number"),
        ),
        ("SWIFT/BIC BNCUCUHH", Identifier(T.SWIFT_BIC, "BNCUCUHH", None, "SWIFT/BIC")),
        (
            "Vessel Registration Identification IMO 9187629",
            Identifier(T.IMO, "9187629", None, "Vessel Registration Identification IMO"),
        ),
        (
            "Identification Number IMO 5342883",
            Identifier(T.IMO, "5342883", None, "Identification Number IMO"),
        ),
        ("MMSI 572469210", Identifier(T.MMSI, "572469210", None, "MMSI")),
        (
            "Other Vessel Call Sign 5IM713",
            Identifier(T.CALL_SIGN, "5IM713", None, "Other Vessel Call Sign"),
        ),
        (
            "Aircraft Manufacturer's Serial Number (MSN) 1023409321",
            Identifier(
                T.AIRCRAFT_SERIAL, "1023409321", None, "Aircraft Manufacturer's Serial Number (MSN)"
            ),
        ),
        (
            "Aircraft Tail Number EP-GOM",
            Identifier(T.REGISTRATION, "EP-GOM", None, "Aircraft Tail Number"),
        ),
        (
            "Digital Currency Address - XBT 149w62rY42aZBox8fGcmqNsXUzSStKeq8C",
            Identifier(
                T.CRYPTO_ADDRESS,
                "149w62rY42aZBox8fGcmqNsXUzSStKeq8C",
                None,
                "Digital Currency Address - XBT",
            ),
        ),
        (
            "alt. Digital Currency Address - ETH 0x8576acc5c05d6ce88f4e49bf65bdf0c62f91353c",
            Identifier(
                T.CRYPTO_ADDRESS,
                "0x8576acc5c05d6ce88f4e49bf65bdf0c62f91353c",
                None,
                "Digital Currency Address - ETH",
            ),
        ),
        (
            "Italian Fiscal Code: KMMMHD68D03Z352N",
            Identifier(T.TAX_ID, "KMMMHD68D03Z352N", None, "Italian Fiscal Code"),
        ),
    ],
)
def test_identifiers(fragment: str, expected: Identifier) -> None:
    facts = parse_remarks(fragment)
    assert facts.identifiers == [expected]
    assert facts.unparsed == []


def test_identifier_dates_are_cut_off() -> None:
    text = "E590976 (Tunisia) issued 19 Jun 1987 expires 18 Jun 1992"
    found = parse_identifier("Passport", text, T.PASSPORT)
    assert found == Identifier(T.PASSPORT, "E590976", "tn", "Passport")
    assert parse_identifier("Passport", "issued 2001", T.PASSPORT) is None


def test_links_and_family_ties() -> None:
    facts = parse_remarks(
        "Linked To: ISLAMIC REVOLUTIONARY GUARD CORPS (IRGC)-QODS FORCE; "
        "wife of Izzat Ibrahim Al-Duri; Linked To: PETROLEOS DE VENEZUELA, S.A."
    )
    assert facts.links == [
        Link("ISLAMIC REVOLUTIONARY GUARD CORPS (IRGC)-QODS FORCE"),
        Link("Izzat Ibrahim Al-Duri", "wife_of"),
        Link("PETROLEOS DE VENEZUELA, S.A"),  # the list's full stop took the name's
    ]


def test_remarks_aliases_are_weak() -> None:
    facts = parse_remarks("a.k.a. 'AL-QA'IDA'; a.k.a. 'BNC'; f.k.a. 'ANSAR INSTITUTE'.")
    assert facts.names == [
        Name("AL-QA'IDA", NameKind.WEAK_ALIAS),
        Name("BNC", NameKind.WEAK_ALIAS),
        Name("ANSAR INSTITUTE", NameKind.WEAK_ALIAS),
    ]


def test_alias_without_closing_quote_is_text() -> None:
    assert parse_quoted("'TRUNCA") is None
    facts = parse_remarks("a.k.a. 'TRUNCA")
    assert (facts.names, facts.unparsed) == ([], ["a.k.a. 'TRUNCA"])


def test_sanctions_notes() -> None:
    facts = parse_remarks(
        "Secondary sanctions risk: North Korea Sanctions Regulations, sections 510.201 and "
        "510.210; Additional Sanctions Information - Not on the SDN List and Not Subject to "
        "Secondary Sanctions; U.S. Persons Must Continue to Block the Property and Interests in "
        "Property of this Person Pursuant to Executive Order 13599; Executive Order 13662 "
        "Directive Determination - Subject to Directive 3; alt. CAATSA Section 235 Information: "
        "FOREIGN EXCHANGE. Sec 235(a)(7); For more information on directives, please visit the "
        "following link: http://www.treasury.gov/directives; all offices worldwide."
    )
    assert facts.extra == {
        "secondarySanctions": [
            "Secondary sanctions risk: North Korea Sanctions Regulations, sections 510.201 and "
            "510.210",
            "Additional Sanctions Information - Not on the SDN List and Not Subject to Secondary "
            "Sanctions; U.S. Persons Must Continue to Block the Property and Interests in Property "
            "of this Person Pursuant to Executive Order 13599",
        ],
        "provisions": [
            "Executive Order 13662 Directive Determination - Subject to Directive 3",
            "CAATSA Section 235 Information: FOREIGN EXCHANGE. Sec 235(a)(7)",
        ],
        "sourceUrl": ["http://www.treasury.gov/directives"],
    }
    assert facts.unparsed == []


def test_continuation_needs_a_note_before_it() -> None:
    fragment = "U.S. Persons Must Continue to Block the Property"
    assert parse_remarks(f"DOB 1960; {fragment}.").unparsed == [fragment]


def test_company_and_contact_facts() -> None:
    facts = parse_remarks(
        "Website www.usareally.com; Email Address info@example.ru; alt. Phone Number 982188526301; "
        "Organization Established Date 17 Dec 2016; Organization Type: Activities of holding "
        "companies; Target Type Financial Institution; Former Vessel Flag Malta; alt. Former "
        "Vessel Flag None Identified; Aircraft Model IL76-TD; Aircraft Manufacture Date Sep 1984; "
        "Organization Established Date sometime in 1990."
    )
    assert facts.extra == {
        "website": ["www.usareally.com"],
        "email": ["info@example.ru"],
        "phone": ["982188526301"],
        "incorporationDate": ["2016-12-17", "sometime in 1990"],
        "sector": ["Activities of holding companies"],
        "classification": ["Financial Institution"],
        "pastFlags": ["mt"],
        "model": ["IL76-TD"],
        "buildDate": ["1984-09"],
    }


def test_unknown_fragments_are_returned() -> None:
    facts = parse_remarks("Major General; nationality Atlantis; Gender Unknown; Passport .")
    assert facts.unparsed == ["Major General", "nationality Atlantis", "Gender Unknown", "Passport"]
    assert (facts.countries, facts.gender, facts.identifiers) == ([], None, [])


def test_truncated_remarks_keep_last_fragment_as_text() -> None:
    facts = parse_remarks("DOB 1960; Linked To: KOREA MINING DEV", truncated=True)
    assert facts.links == []
    assert facts.unparsed == ["Linked To: KOREA MINING DEV"]


def test_labels_match_whole_words_only() -> None:
    assert find_rule("Passportless person") is None
    found = find_rule("Citizen's Card Number 211226197812154256 (China)")
    assert found is not None
    assert found[1:] == ("Citizen's Card Number", "211226197812154256 (China)")


@given(st.text(max_size=300))
def test_never_raises(text: str) -> None:
    facts = parse_remarks(text)
    assert all(isinstance(fragment, str) for fragment in facts.unparsed)
