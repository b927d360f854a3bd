"""Birth dates: the graded ladder, ranges, circa, several listed dates, and the details."""

from __future__ import annotations

import pytest

from proscribe.match.features import birth_date_match, birth_date_mismatch
from proscribe.model import parse_date_spec
from tests.match.feature_pairs import CONFIG, make_pair
from tests.store.factory import make_entity


def _both(query: str | None, *listed: str) -> tuple[float, float]:
    pair = make_pair(
        make_entity(birth_dates=tuple(parse_date_spec(text) for text in listed)),
        birth_date=parse_date_spec(query) if query else None,
    )
    return birth_date_match(pair, CONFIG).value, birth_date_mismatch(pair, CONFIG).value


@pytest.mark.parametrize(
    ("query", "listed", "match", "mismatch"),
    [
        ("15 Jan 1950", "15 Jan 1950", 1.0, 0.0),
        ("1950", "1950", 0.6, 0.0),
        ("1950", "15 Jan 1950", 0.6, 0.0),  # equal at the precision both sides have
        ("Jan 1950", "15 Jan 1950", 0.6, 0.0),
        ("15 Jan 1950", "Jan 1950", 0.6, 0.0),
        ("1962", "01 Jan 1961 to 31 Dec 1963", 0.7, 0.0),  # inside a listed range
        ("15 Mar 1961", "1961-1963", 0.7, 0.0),
        ("1949-1951", "15 Jan 1950", 0.7, 0.0),  # listed date inside a query range
        ("1963-1965", "1961-1963", 0.5, 0.0),  # ranges overlap
        ("01 Dec 1950", "12 Jan 1950", 0.5, 0.0),  # day and month swapped
        ("20 Mar 1950", "15 Jan 1950", 0.3, 0.0),  # same year, day differs
        ("Mar 1950", "Jan 1950", 0.3, 0.0),
        ("1951", "1950", 0.3, 0.0),  # one year off
        ("14 Jan 1951", "15 Jan 1950", 0.3, 0.0),
        ("1964", "1961-1963", 0.3, 0.0),  # one year from the range's nearest end
        ("1952", "1950", 0.0, -0.3),
        ("1954", "1950", 0.0, -0.3),
        ("1955", "1950", 0.0, -0.6),
        ("1959", "1950", 0.0, -0.6),
        ("1960", "1950", 0.0, -1.0),
        ("1975", "15 Jan 1950", 0.0, -1.0),  # decades apart
        ("1970", "1961-1963", 0.0, -0.6),  # 7 years from the nearest end, 1963
        ("1950", "1961-1963", 0.0, -1.0),  # 11 years from the nearest end, 1961
        ("1977", "circa 1975", 0.4, 0.0),  # circa allows 2 years
        ("circa 1977", "1975", 0.4, 0.0),  # on either side
        ("1978", "circa 1975", 0.3, 0.0),  # one year beyond the slack
        ("1980", "circa 1975", 0.0, -0.3),  # 5 years apart, 3 beyond the slack
        ("1975", "circa 1975", 0.6, 0.0),
    ],
)
def test_graded_ladder(query: str, listed: str, match: float, mismatch: float) -> None:
    assert _both(query, listed) == (match, mismatch)


def test_any_listed_date_that_fits_wins() -> None:
    assert _both("1975", "1950", "1975") == (0.6, 0.0)
    assert _both("15 Jan 1950", "1949", "15 Jan 1950", "1990") == (1.0, 0.0)


def test_the_closest_listed_date_sets_the_mismatch() -> None:
    assert _both("1990", "1950", "1985") == (0.0, -0.6)


@pytest.mark.parametrize(("query", "listed"), [(None, ("1950",)), ("1950", ()), (None, ())])
def test_nothing_to_compare(query: str | None, listed: tuple[str, ...]) -> None:
    pair = make_pair(
        make_entity(birth_dates=tuple(parse_date_spec(text) for text in listed)),
        birth_date=parse_date_spec(query) if query else None,
    )
    for feature in (birth_date_match, birth_date_mismatch):
        result = feature(pair, CONFIG)
        assert (result.value, result.detail) == (0.0, "")


def _details(query: str, *listed: str) -> tuple[str, str]:
    pair = make_pair(
        make_entity(birth_dates=tuple(parse_date_spec(text) for text in listed)),
        birth_date=parse_date_spec(query),
    )
    return birth_date_match(pair, CONFIG).detail, birth_date_mismatch(pair, CONFIG).detail


@pytest.mark.parametrize(
    ("query", "listed", "match", "mismatch"),
    [
        ("15 Jan 1950", "15 Jan 1950", "birth date 15 Jan 1950 equal", ""),
        ("1950", "15 Jan 1950", "birth year 1950 equal", ""),
        ("15 Jan 1950", "Jan 1950", "birth month Jan 1950 equal", ""),
        ("1962", "01 Jan 1961 to 31 Dec 1963", "birth date 1962 within listed 1961-1963", ""),
        (
            "1949-1951",
            "15 Jan 1950",
            "birth date 1949-1951 includes listed 15 Jan 1950",
            "",
        ),
        (
            "15 Jun 1961 to 1962",
            "1962-1964",
            "birth date 15 Jun 1961 to 1962 overlaps listed 1962-1964",
            "",
        ),
        (
            "01 Dec 1950",
            "12 Jan 1950",
            "birth date 01 Dec 1950 vs listed 12 Jan 1950 (day and month swapped)",
            "",
        ),
        ("1951", "1950", "birth date 1951 vs listed 1950 (1 year apart)", ""),
        (
            "1977",
            "circa 1975",
            "birth date 1977 vs listed circa 1975 (2 years apart, within circa)",
            "",
        ),
        ("1975", "15 Jan 1950", "", "birth date 1975 vs listed 15 Jan 1950 (25 years apart)"),
    ],
)
def test_details(query: str, listed: str, match: str, mismatch: str) -> None:
    assert _details(query, listed) == (match, mismatch)
