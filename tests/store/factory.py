"""Entities and list versions for store tests, built in code (never extracts of real lists).

`make_entity(schema, **props)` gives a minimal valid entity whose fields the test overrides;
`realistic_entities(n)` gives n entries shaped like a sanctions list's (aliases, dates,
identifiers, addresses, remarks), deterministic, for size and speed tests; `make_version` wraps
entities in the ListVersion a loader would build for them.
"""

from __future__ import annotations

import hashlib
import itertools
import random
from collections.abc import Sequence
from datetime import UTC, date, datetime
from typing import Any

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
    ListVersion,
    Name,
    NameKind,
    PartialDate,
    Schema,
)

SOURCE = "test_list"
LOADED_AT = datetime(2024, 3, 1, 12, 30, 15, 123456, tzinfo=UTC)
_ids = itertools.count(1)


def make_entity(schema: Schema | str = Schema.PERSON, **props: Any) -> Entity:
    """An entity of `schema`; any Entity field can be given, plus `name` for a primary name."""
    source = props.pop("source", SOURCE)
    entity_id = str(props.pop("id", next(_ids)))
    name = props.pop("name", f"Test Entity {entity_id}")
    props.setdefault("names", (Name(name),))
    props.setdefault("designation", Designation(source, programs=("TEST",)))
    return Entity(source=source, id=entity_id, schema=Schema(schema), **props)


def make_version(
    entities: Sequence[Entity],
    *,
    published: date | None = date(2024, 1, 1),
    sha256: str | None = None,
    scope: str = "",
    **props: Any,
) -> ListVersion:
    """The version a loader would build for `entities`; its sha256 follows their content."""
    source = entities[0].source if entities else props.pop("source", SOURCE)
    counts: dict[str, int] = {}
    for entity in entities:
        counts[entity.schema.value] = counts.get(entity.schema.value, 0) + 1
    digest = hashlib.sha256("\n".join(e.to_json() for e in entities).encode()).hexdigest()
    return ListVersion(
        source=source,
        format=props.pop("format", "test_format"),
        sha256=sha256 or digest,
        record_count=props.pop("record_count", len(entities)),
        loaded_at=props.pop("loaded_at", LOADED_AT),
        published=published,
        date_basis=props.pop("date_basis", "file" if published else ""),
        scope=scope,
        counts=props.pop("counts", counts),
        files=props.pop("files", ("list.csv",)),
        **props,
    )


_FIRST = ["Ali", "Kim", "Maria", "Ivan", "Chen", "Ahmad", "Olga", "Jose", "Fatima", "Pak"]
_LAST = ["Hassan", "Song Il", "Petrov", "Garcia", "Wei", "Rahimi", "Ivanova", "Lopez", "Nasser"]
_WORDS = [
    "Trading",
    "Shipping",
    "General",
    "Petroleum",
    "Bank",
    "Industrial",
    "Logistics",
    "International",
    "Holding",
    "Maritime",
    "Export",
    "Technology",
]
_FORMS = ["LLC", "Co., Ltd.", "FZE", "S.A.", "JSC", "GmbH", "Limited"]
_COUNTRIES = ["ir", "kp", "ru", "sy", "ve", "cu", "ae", "cn", "tr", "lb", "iq", "by"]
_PROGRAMS = ["SDGT", "IRAN", "DPRK3", "RUSSIA-EO14024", "SYRIA", "VENEZUELA-EO13850", "NPWMD"]
_CITIES = ["Tehran", "Pyongyang", "Moscow", "Damascus", "Caracas", "Dubai", "Beirut", "Minsk"]


def realistic_entities(
    count: int, *, source: str = "us_ofac_sdn", revision: int = 0
) -> list[Entity]:
    """`count` entries shaped like a sanctions list's; entry i is the same in every call.

    A `revision` other than 0 changes the remarks of every tenth entry, as a list update does.
    """
    return [_realistic(index, source, revision) for index in range(count)]


def _realistic(index: int, source: str, revision: int) -> Entity:
    rng = random.Random(index)
    schema = rng.choices(list(Schema)[:4], weights=[45, 40, 10, 5])[0]
    names = _names(rng, schema)
    remarks = f"Listed under {rng.choice(_PROGRAMS)}; " + " ".join(rng.choices(_WORDS, k=12))
    if revision and index % 10 == 0:
        remarks += f" (revision {revision})"
    person = schema is Schema.PERSON
    return Entity(
        source=source,
        id=str(10_000 + index),
        schema=schema,
        names=names,
        designation=Designation(
            source,
            programs=tuple(sorted(set(rng.choices(_PROGRAMS, k=rng.randint(1, 2))))),
            listed_on=PartialDate(rng.randint(1995, 2024), rng.randint(1, 12), rng.randint(1, 28)),
            authority="Office of Foreign Assets Control",
            remarks=remarks,
        ),
        birth_dates=_birth_dates(rng) if person else (),
        birth_places=(f"{rng.choice(_CITIES)}, {rng.choice(_COUNTRIES).upper()}",)
        if person
        else (),
        gender=rng.choice(["male", "female"]) if person else None,
        countries=tuple(
            Country(code, CountryRole.NATIONALITY if person else CountryRole.ADDRESS)
            for code in sorted(set(rng.choices(_COUNTRIES, k=rng.randint(1, 2))))
        ),
        identifiers=_identifiers(rng, schema),
        addresses=tuple(_address(rng) for _ in range(rng.randint(0, 2))),
        links=(
            Link(
                target=str(10_000 + rng.randrange(0, 9_000)),
                relation="linked_to",
                target_id=str(10_000 + rng.randrange(0, 9_000)),
            ),
        )
        if rng.random() < 0.3
        else (),
        extra=_extra(rng, schema),
    )


def _names(rng: random.Random, schema: Schema) -> tuple[Name, ...]:
    if schema is Schema.PERSON:
        first, last = rng.choice(_FIRST), rng.choice(_LAST)
        primary = Name(f"{last.upper()}, {first}", first=first, last=last)
    else:
        primary = Name(f"{' '.join(rng.choices(_WORDS, k=3))} {rng.choice(_FORMS)}")
    aliases = [
        Name(
            f"{primary.full} {rng.choice(_WORDS)}",
            kind=rng.choice([NameKind.ALIAS, NameKind.WEAK_ALIAS]),
        )
        for _ in range(rng.randint(0, 4))
    ]
    if rng.random() < 0.2:
        aliases.append(
            Name("김 정 " + str(rng.randint(1, 99)), kind=NameKind.ORIGINAL_SCRIPT, script="Hangul")
        )
    return (primary, *aliases)


def _birth_dates(rng: random.Random) -> tuple[DateSpec, ...]:
    year = rng.randint(1940, 1995)
    if rng.random() < 0.3:
        return (DateSpec(PartialDate(year), PartialDate(year + 2)),)
    return (DateSpec(PartialDate(year, rng.randint(1, 12), rng.randint(1, 28))),)


def _identifiers(rng: random.Random, schema: Schema) -> tuple[Identifier, ...]:
    if schema is Schema.VESSEL:
        return (Identifier(IdentifierType.IMO, str(rng.randint(9_000_000, 9_999_999))),)
    kinds = [IdentifierType.PASSPORT, IdentifierType.NATIONAL_ID, IdentifierType.REGISTRATION]
    return tuple(
        Identifier(
            rng.choice(kinds),
            f"{rng.randint(10**7, 10**9)}",
            rng.choice(_COUNTRIES),
            "Passport" if rng.random() < 0.5 else None,
        )
        for _ in range(rng.randint(0, 3))
    )


def _address(rng: random.Random) -> Address:
    city, country = rng.choice(_CITIES), rng.choice(_COUNTRIES)
    street = f"{rng.randint(1, 400)} {rng.choice(_WORDS)} Street"
    return Address(
        f"{street}, {city}, {country.upper()}", street=street, city=city, country=country
    )


def _extra(rng: random.Random, schema: Schema) -> dict[str, tuple[str, ...]]:
    if schema is Schema.VESSEL:
        return {
            "type": ("Crude Oil Tanker",),
            "tonnage": (str(rng.randint(1_000, 90_000)),),
            "buildDate": (str(rng.randint(1980, 2015)),),
        }
    if schema is Schema.PERSON and rng.random() < 0.4:
        return {"position": (f"Director of {rng.choice(_WORDS)}",)}
    return {}
