"""Partial dates keep exactly the precision the publisher gave, and round-trip through text."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from proscribe.model import DateSpec, PartialDate, parse_birth_date, parse_date_spec


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("15 Jan 1950", "1950-01-15"),
        ("01 Jan 1961 to 31 Dec 1963", "1961-01-01/1963-12-31"),
        ("circa 1975", "~1975"),
        ("1961 - 1963", "1961/1963"),
        ("Jan 1950", "1950-01"),
        ("00/00/1980", "1980"),  # OFSI writes unknown parts as zeros
        ("00/05/1980", "1980-05"),
        ("15/01/1950", "1950-01-15"),
        ("1950-01-15", "1950-01-15"),
        ("2024-08-28T00:00:00", "2024-08-28"),
        ("approximately 1960", "~1960"),
        ("Sep 12, 1971", "1971-09-12"),
    ],
)
def test_spellings_of_lists_are_read(text: str, iso: str) -> None:
    assert parse_date_spec(text).iso == iso


@pytest.mark.parametrize("text", ["31 Feb 1970", "sometime", "1963 to 1961", "", "15 Foo 1950"])
def test_impossible_dates_are_refused(text: str) -> None:
    with pytest.raises(ValueError, match=r"\S"):
        parse_date_spec(text)


def test_range_years() -> None:
    assert parse_date_spec("01 Jan 1961 to 31 Dec 1963").years() == (1961, 1963)
    assert parse_date_spec("1950").years() == (1950, 1950)


partial_dates = st.builds(
    PartialDate,
    year=st.integers(1800, 2100),
    month=st.none() | st.integers(1, 12),
).flatmap(
    lambda d: (
        st.just(d)
        if d.month is None
        else st.builds(
            PartialDate, st.just(d.year), st.just(d.month), st.none() | st.integers(1, 28)
        )
    )
)


@given(partial_dates, st.none() | partial_dates, st.booleans())
def test_iso_text_round_trips(start: PartialDate, end: PartialDate | None, circa: bool) -> None:
    spec = DateSpec(start, end, circa)
    assert DateSpec.from_iso(spec.iso) == spec


@pytest.mark.parametrize(
    ("text", "problem"),
    [("3000", "after today"), ("2026-12-01", "after today"), ("0001-01-01", "before 1800")],
)
def test_a_birth_date_no_one_screened_can_have_is_refused(text: str, problem: str) -> None:
    # 0001-01-01 is how some systems write "unknown"; compared with a listed 1950, it would
    # read as centuries apart and weigh against a true match.
    with pytest.raises(ValueError, match=problem):
        parse_birth_date(text, today=date(2026, 11, 29))


def test_a_birth_date_up_to_today_is_read() -> None:
    today = date(2026, 11, 29)
    assert parse_birth_date("2026", today=today) == parse_date_spec("2026")
    assert parse_birth_date("1950-01-15", today=today) == parse_date_spec("1950-01-15")
