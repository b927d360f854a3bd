"""script_of: the writing system most letters of a name are in."""

from __future__ import annotations

import pytest

from proscribe.text import script_of


@pytest.mark.parametrize(
    ("text", "script"),
    [
        ("Kim Jong Un", "Latin"),
        ("Ñandú", "Latin"),
        ("최룡해", "Hangul"),
        ("崔龍海", "Han"),
        ("Владимир", "Cyrillic"),
        ("محمد", "Arabic"),
        ("Αλέξανδρος", "Greek"),
        ("משה", "Hebrew"),
        ("สมชาย", "Thai"),
        ("やまだ", "Hiragana"),
        ("नरेंद्र", "Devanagari"),
        ("ქართული", "Georgian"),
        ("金正恩 Kim", "Han"),
        ("𠀋𠀋", "Han"),
    ],
)
def test_dominant_script(text: str, script: str) -> None:
    assert script_of(text) == script


@pytest.mark.parametrize("text", ["", "123", "-- !", "\u0301"])
def test_no_letters_no_script(text: str) -> None:
    assert script_of(text) is None


def test_a_tie_goes_to_the_script_seen_first() -> None:
    assert script_of("Ab Бв") == "Latin"
    assert script_of("Бв Ab") == "Cyrillic"
    assert script_of("최 崔") == "Hangul"
