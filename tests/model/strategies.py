"""Hypothesis strategies for model values: arbitrary but valid entities."""

from __future__ import annotations

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

text = (
    st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=20)
    .map(str.strip)
    .filter(bool)
)
codes = st.sampled_from(["kp", "ir", "ru", "us", "gb", "sy"])
dates = st.builds(
    DateSpec,
    st.builds(PartialDate, st.integers(1900, 2020), st.none() | st.integers(1, 12)).map(
        lambda d: d
    ),
    st.none(),
    st.booleans(),
)
names = st.builds(Name, text, st.sampled_from(list(NameKind)), st.none() | text, st.none() | text)

entities = st.builds(
    Entity,
    source=st.sampled_from(["us_ofac_sdn", "un_sc", "custom"]),
    id=st.from_regex(r"[A-Za-z0-9.]{1,8}", fullmatch=True),
    schema=st.sampled_from(list(Schema)),
    names=st.lists(names, min_size=1, max_size=4).map(tuple),
    designation=st.builds(
        Designation,
        st.just("x"),
        st.lists(text, max_size=3).map(tuple),
        st.none() | st.builds(PartialDate, st.integers(1990, 2025)),
    ),
    birth_dates=st.lists(dates, max_size=2).map(tuple),
    gender=st.none() | st.sampled_from(["male", "female"]),
    countries=st.lists(
        st.builds(Country, codes, st.sampled_from(list(CountryRole))), max_size=3
    ).map(tuple),
    identifiers=st.lists(
        st.builds(Identifier, st.sampled_from(list(IdentifierType)), text, st.none() | codes),
        max_size=3,
    ).map(tuple),
    addresses=st.lists(st.builds(Address, text), max_size=2).map(tuple),
    links=st.lists(st.builds(Link, text), max_size=2).map(tuple),
)
