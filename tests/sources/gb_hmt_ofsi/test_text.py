"""OFSI free-text cells: numbered lists, countries and document numbers."""

from __future__ import annotations

import pytest

from proscribe.sources.gb_hmt_ofsi.text import (
    document_country,
    document_number,
    resolve_country,
    split_numbered,
)


@pytest.mark.parametrize(
    ("text", "items"),
    [
        ("Afghan", ["Afghan"]),
        ("(1) Afghan (2) Pakistani", ["Afghan", "Pakistani"]),
        ("1) Saudi Arabia 2) Qatar", ["Saudi Arabia", "Qatar"]),
        ("a) French, b) Tunisian", ["French", "Tunisian"]),
        ("(a) Jordanian (b) American", ["Jordanian", "American"]),
        ("(1)-(2) Tunisia (3) Libya", ["Tunisia", "Libya"]),
        ("(1) to (6) Algeria (7) Morocco", ["Algeria", "Morocco"]),
        ("(1) Manzil Tmim (2)-(6) -", ["Manzil Tmim"]),
        ("Iran (Islamic Republic of)", ["Iran (Islamic Republic of)"]),
        ("Saudi Arabia) b) Saudi passport", ["Saudi Arabia)", "Saudi passport"]),
        (None, []),
    ],
)
def test_split_numbered(text: str | None, items: list[str]) -> None:
    assert split_numbered(text) == items


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Afghan", "af"),
        ("Afgan", "af"),
        ("Iranian (Iranian citizenship)", "ir"),
        ("Kuwaiti citizenship", "kw"),
        ("Democratic People\u2019s Republic of Korea", "kp"),
        ("Latakia Province, Syria", "sy"),
        ("Possibly Ethiopian", "et"),
        ("In Syria as at June 2013", None),
        ("Ukrainian SSR", None),
    ],
)
def test_resolve_country(text: str, code: str | None) -> None:
    assert resolve_country(text) == code


@pytest.mark.parametrize(
    ("text", "number", "country"),
    [
        ("F275043 (Saudi Arabian). Issued on 29 May 2004", "F275043", "sa"),
        ("SE 012820 (Afghan). Issued on 4 Nov 2000", "SE 012820", "af"),
        ("Yemeni passport number 17979 issued under name Ahmed", "17979", "ye"),
        ("British passport no.C00146605", "C00146605", "gb"),
        ("(Eqypt). Issued 1993.", None, None),
        ("Passport No: 592667 (Qatari passport issued on 3 May 2007)", "592667", None),
        ("US Social Security no 548-91-5411", "548-91-5411", None),
        ("No: 745310010", "745310010", None),
    ],
)
def test_document_number_and_country(text: str, number: str | None, country: str | None) -> None:
    assert document_number(text) == number
    assert document_country(text) == country
