"""Birth dates compared the way an analyst compares them.

Lists state birth dates at whatever precision they have: a full day, a month, a bare year, a
range ("01 Jan 1961 to 31 Dec 1963") or an approximation ("circa 1975"), and many people carry
several. A query date is compared with each listed date and graded on one signed ladder:

    equal full dates                                        1.0
    one date (or range) inside the other, a range involved  0.7
    equal at the precision both sides have (year, month)    0.6
    day and month swapped in the same year                  0.5
    ranges that overlap without one holding the other       0.5
    apart, but within the 2 years a "circa" allows          0.4
    same year, month or day differ; or one year apart       0.3
    2-4 years apart                                        -0.3
    5-9 years apart                                        -0.6
    10 or more years apart                                 -1.0

Years apart are counted between the nearest ends of ranges, less 2 when either side is circa.
The best grade over the listed dates decides (an entity matches if any of its dates fits):
`birth_date_match` reports it when positive, `birth_date_mismatch` when negative.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from proscribe.match.types import FeatureResult, MatchConfig, Pair
from proscribe.model import DateSpec, PartialDate

EQUAL = 1.0
CONTAINED = 0.7
SAME_PRECISION = 0.6
SWAPPED = 0.5
OVERLAP = 0.5
WITHIN_CIRCA = 0.4
NEAR = 0.3  # same year but month/day differ, or one year apart
CIRCA_YEARS = 2

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


@dataclass(frozen=True, slots=True)
class _Grade:
    value: float
    detail: str


def birth_date_match(pair: Pair, config: MatchConfig) -> FeatureResult:
    """The birth date given fits one of the listed birth dates. An equal full date counts
    most; a date inside a listed range, the same year or month when that is all one side
    states, a day and month written the other way round, or a date one year off count less.
    When the list gives several birth dates, the closest one is used."""
    grade = _best_grade(pair)
    if grade is None or grade.value <= 0:
        return FeatureResult("birth_date_match", 0.0)
    return FeatureResult("birth_date_match", grade.value, grade.detail)


def birth_date_mismatch(pair: Pair, config: MatchConfig) -> FeatureResult:
    """The birth date given is years away from every listed birth date: 2 to 4 years apart
    counts a little against a match, 5 to 9 years more, and decades apart strongly. Years are
    counted from the nearest end of a listed range, and an approximate ("circa") date is
    allowed 2 years of slack."""
    grade = _best_grade(pair)
    if grade is None or grade.value >= 0:
        return FeatureResult("birth_date_mismatch", 0.0)
    return FeatureResult("birth_date_mismatch", grade.value, grade.detail)


def _best_grade(pair: Pair) -> _Grade | None:
    """The best grade over the listed dates, the first listed on ties; None if nothing to
    compare. Both features read it, so the grading of one (query, listed) pair is cached."""
    query = pair.query.birth_date
    if query is None or not pair.entity.birth_dates:
        return None
    return max((_grade(query, listed) for listed in pair.entity.birth_dates), key=_value)


def _value(grade: _Grade) -> float:
    return grade.value


@lru_cache(maxsize=16384)
def _grade(query: DateSpec, listed: DateSpec) -> _Grade:
    years = _years_apart(query, listed)
    if years == 0:
        return _same_years(query, listed)
    circa = query.circa or listed.circa
    beyond = max(0, years - CIRCA_YEARS) if circa else years
    apart = f"birth date {human(query)} vs listed {human(listed)} ({years} year"
    apart += "s apart" if years > 1 else " apart"
    if beyond == 0:
        return _Grade(WITHIN_CIRCA, f"{apart}, within circa)")
    return _Grade(_apart_value(beyond), f"{apart})")


def _apart_value(years: int) -> float:
    if years <= 1:
        return NEAR
    if years <= 4:
        return -0.3
    if years <= 9:
        return -0.6
    return -1.0


def _years_apart(query: DateSpec, listed: DateSpec) -> int:
    """Whole years between the nearest ends; 0 when the year spans meet."""
    query_first, query_last = query.years()
    listed_first, listed_last = listed.years()
    return max(0, listed_first - query_last, query_first - listed_last)


def _same_years(query: DateSpec, listed: DateSpec) -> _Grade:
    """Grade two statements whose year spans meet, by how their day spans relate."""
    if query.end is None and listed.end is None:
        return _same_year_dates(query, listed)
    query_first, query_last = _days(query)
    listed_first, listed_last = _days(listed)
    pair = f"birth date {human(query)}"
    if listed_first <= query_first and query_last <= listed_last:
        return _Grade(CONTAINED, f"{pair} within listed {human(listed)}")
    if query_first <= listed_first and listed_last <= query_last:
        return _Grade(CONTAINED, f"{pair} includes listed {human(listed)}")
    if query_first <= listed_last and listed_first <= query_last:
        return _Grade(OVERLAP, f"{pair} overlaps listed {human(listed)}")
    return _Grade(NEAR, f"{pair} vs listed {human(listed)} (same year)")


def _same_year_dates(query: DateSpec, listed: DateSpec) -> _Grade:
    """Two single dates of the same year."""
    ours, theirs = query.start, listed.start
    precision = min(_precision(ours), _precision(theirs))
    if _cut(ours, precision) == _cut(theirs, precision):
        if precision == 3:
            return _Grade(EQUAL, f"birth date {human(query)} equal")
        if precision == 2:
            return _Grade(SAME_PRECISION, f"birth month {human_date(_cut(ours, 2))} equal")
        return _Grade(SAME_PRECISION, f"birth year {ours.year} equal")
    versus = f"birth date {human(query)} vs listed {human(listed)}"
    if ours.day is not None and (ours.day, ours.month) == (theirs.month, theirs.day):
        return _Grade(SWAPPED, f"{versus} (day and month swapped)")
    return _Grade(NEAR, f"{versus} (same year)")


def _precision(value: PartialDate) -> int:
    """3 for a day, 2 for a month, 1 for a bare year."""
    return 1 + (value.month is not None) + (value.day is not None)


def _cut(value: PartialDate, precision: int) -> PartialDate:
    if precision == 1:
        return PartialDate(value.year)
    if precision == 2:
        return PartialDate(value.year, value.month)
    return value


def _days(spec: DateSpec) -> tuple[int, int]:
    """The first and last day (as ordinals) the statement allows."""
    start, end = spec.start, spec.end or spec.start
    first = date(start.year, start.month or 1, start.day or 1)
    last_month = end.month or 12
    last_day = end.day or calendar.monthrange(end.year, last_month)[1]
    return first.toordinal(), date(end.year, last_month, last_day).toordinal()


def human(spec: DateSpec) -> str:
    """A date statement as an analyst writes it: `15 Jan 1950`, `1961-1963`, `circa 1975`."""
    start, end = spec.start, spec.end
    if end is None:
        text = human_date(start)
    elif _starts_year(start) and _ends_year(end):
        text = str(start.year) if start.year == end.year else f"{start.year}-{end.year}"
    else:
        text = f"{human_date(start)} to {human_date(end)}"
    return f"circa {text}" if spec.circa else text


def human_date(value: PartialDate) -> str:
    """`15 Jan 1950`, `Jan 1950` or `1950`; days zero-padded as the lists write them."""
    if value.month is None:
        return str(value.year)
    month = f"{_MONTHS[value.month - 1]} {value.year}"
    return month if value.day is None else f"{value.day:02d} {month}"


def _starts_year(value: PartialDate) -> bool:
    return (value.month or 1) == 1 and (value.day or 1) == 1


def _ends_year(value: PartialDate) -> bool:
    return (value.month or 12) == 12 and (value.day or 31) == 31
