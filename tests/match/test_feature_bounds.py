"""Properties every non-name feature keeps, on arbitrary queries and entities.

Each feature is named for its reason code, explains itself to analysts in its docstring, and
returns a value in [-1, 1] with a detail exactly when it found something (value 0, empty
detail, when there was nothing to compare). Pairs carry no name forms: these features must
never need them.
"""

from __future__ import annotations

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

import proscribe.match.features as features
from proscribe.match.types import Feature, FeatureResult, Pair
from proscribe.model import (
    Address,
    Country,
    CountryRole,
    DateSpec,
    Identifier,
    IdentifierType,
    PartialDate,
    QueryIdentifier,
    Schema,
)
from tests.match.feature_pairs import CONFIG, make_pair
from tests.store.factory import make_entity

FEATURES: list[Feature] = [getattr(features, name) for name in features.__all__]

text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=12)
codes = st.sampled_from(["kp", "KP", "ir", "ru", "us", "gb", "xk", "zz", "North Korea", ""])


def _at(day: date, precision: int) -> PartialDate:
    """`day` stated to the year (1), month (2) or day (3)."""
    if precision == 1:
        return PartialDate(day.year)
    return PartialDate(day.year, day.month, day.day if precision == 3 else None)


@st.composite
def date_specs(draw: st.DrawFn) -> DateSpec:
    days = st.dates(date(1, 1, 1), date(9999, 12, 31))
    first, last = sorted([draw(days), draw(days)])
    start = _at(first, draw(st.integers(1, 3)))
    end = _at(last, draw(st.integers(1, 3))) if draw(st.booleans()) else None
    return DateSpec(start, end, draw(st.booleans()))


identifier_values = text | st.from_regex(r"(IMO ?)?9[0-9]{6}", fullmatch=True)
queries = st.fixed_dictionaries(
    {
        "schema": st.none() | st.sampled_from(list(Schema)),
        "birth_date": st.none() | date_specs(),
        "countries": st.lists(codes, max_size=3).map(tuple),
        "identifiers": st.lists(
            st.builds(
                QueryIdentifier, identifier_values, st.none() | st.sampled_from(IdentifierType)
            ),
            max_size=3,
        ).map(tuple),
        "gender": st.none() | st.sampled_from(["male", "female", "M", "f", "x", ""]),
    }
)
entities = st.builds(
    make_entity,
    st.sampled_from(list(Schema)),
    birth_dates=st.lists(date_specs(), max_size=3).map(tuple),
    gender=st.none() | st.sampled_from(["male", "female"]),
    countries=st.lists(
        st.builds(Country, codes, st.sampled_from(list(CountryRole))), max_size=4
    ).map(tuple),
    identifiers=st.lists(
        st.builds(Identifier, st.sampled_from(list(IdentifierType)), identifier_values),
        max_size=4,
    ).map(tuple),
    addresses=st.lists(st.builds(Address, text, country=st.none() | codes), max_size=2).map(tuple),
)
pairs = st.builds(lambda entity, query: make_pair(entity, **query), entities, queries)


def _check(feature: Feature, pair: Pair) -> FeatureResult:
    result = feature(pair, CONFIG)
    assert result.code == feature.__name__
    assert -1.0 <= result.value <= 1.0
    assert (result.value == 0.0) == (result.detail == ""), result
    return result


@given(pairs)
def test_every_feature_is_bounded_and_explains_exactly_its_evidence(pair: Pair) -> None:
    for feature in FEATURES:
        _check(feature, pair)


@given(entities)
def test_a_bare_query_gives_no_evidence(entity: object) -> None:
    pair = make_pair(entity)  # type: ignore[arg-type]
    for feature in FEATURES:
        assert _check(feature, pair) == FeatureResult(feature.__name__, 0.0)


def test_exports_are_sorted_and_named_as_claims() -> None:
    assert features.__all__ == sorted(features.__all__)
    for feature in FEATURES:
        assert feature.__name__.endswith(("_match", "_mismatch")), feature.__name__


def test_docstrings_are_written_for_analysts() -> None:
    for feature in FEATURES:
        doc = " ".join((feature.__doc__ or "").split())
        assert 2 <= doc.count(". ") + doc.endswith(".") <= 4, (feature.__name__, doc)
        for jargon in ("`", "config", "FeatureResult", "query_forms", "entity."):
            assert jargon not in doc, (feature.__name__, jargon)
