"""The store round trip is lossless for any entity the model can express (Hypothesis)."""

from __future__ import annotations

import itertools
from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from proscribe.model import (
    Address,
    Country,
    CountryRole,
    DateSpec,
    Designation,
    Entity,
    Identifier,
    IdentifierType,
    Link,
    Name,
    NameKind,
    PartialDate,
    Schema,
)
from proscribe.store import Store
from tests.store.factory import make_version

SOURCE = "test_list"
# Any text a list could hold, including other scripts and JSON's special characters; not lone
# surrogates (not encodable) and not NUL (no list has it; PostgreSQL text cannot hold it).
text = st.text(
    st.characters(exclude_categories=["Cs"], exclude_characters="\x00"), min_size=1, max_size=30
)
maybe_text = st.none() | text
codes = st.sampled_from(["kp", "ir", "ru", "sy", "gb", "us", "xk"])


@st.composite
def partial_dates(draw: st.DrawFn) -> PartialDate:
    day = draw(st.dates(min_value=date(1, 1, 1)))
    precision = draw(st.sampled_from(["year", "month", "day"]))
    if precision == "year":
        return PartialDate(day.year)
    return PartialDate(day.year, day.month, day.day if precision == "day" else None)


date_specs = st.builds(DateSpec, partial_dates(), st.none() | partial_dates(), st.booleans())
names = st.builds(
    Name, text, st.sampled_from(NameKind), maybe_text, maybe_text, maybe_text, maybe_text
)
identifiers = st.builds(
    Identifier, st.sampled_from(IdentifierType), text, st.none() | codes, maybe_text
)
addresses = st.builds(
    Address, text, maybe_text, maybe_text, maybe_text, maybe_text, st.none() | codes
)
links = st.builds(Link, text, text, maybe_text)
designations = st.builds(
    Designation,
    st.just(SOURCE),
    st.tuples(text) | st.tuples(text, text),
    st.none() | partial_dates(),
    maybe_text,
    maybe_text,
)
entities = st.builds(
    Entity,
    source=st.just(SOURCE),
    id=text,
    schema=st.sampled_from(Schema),
    names=st.lists(names, min_size=1, max_size=4).map(tuple),
    designation=designations,
    birth_dates=st.lists(date_specs, max_size=2).map(tuple),
    death_dates=st.lists(date_specs, max_size=1).map(tuple),
    birth_places=st.lists(text, max_size=2).map(tuple),
    gender=st.sampled_from([None, "male", "female"]),
    countries=st.lists(st.builds(Country, codes, st.sampled_from(CountryRole)), max_size=3).map(
        tuple
    ),
    identifiers=st.lists(identifiers, max_size=3).map(tuple),
    addresses=st.lists(addresses, max_size=2).map(tuple),
    links=st.lists(links, max_size=2).map(tuple),
    extra=st.dictionaries(
        st.sampled_from(["title", "position", "notes", "tonnage"]),
        st.lists(text, min_size=1, max_size=2).map(tuple),
        max_size=2,
    ),
)
serials = itertools.count()


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(entities, min_size=1, max_size=5, unique_by=lambda entity: entity.id))
def test_what_is_stored_is_what_is_read(store: Store, listed: list[Entity]) -> None:
    # One store for all examples: each example is a new version (its own sha256), forced past
    # the size guard, and must read back exactly.
    version = make_version(listed, sha256=f"{next(serials):064d}")
    stored = store.save_version(version, listed, force=True).version
    # Compared in Python's order: the database orders ids by its own collation.
    by_id = sorted(store.entities(stored), key=lambda entity: entity.id)
    assert by_id == sorted(listed, key=lambda entity: entity.id)
    for entity in listed:
        assert store.entity(SOURCE, entity.id, stored) == (entity, stored)
