"""The entity model every list is read into.

An `Entity` is one listed party as one list version states it: its schema, names (each with a
kind), dates, countries with their role, identifiers, addresses, its designation and links to
other entries of the same list. Entities are immutable values; `content_hash` identifies the
content, so the store keeps an unchanged entry once across versions and diffs compare hashes.

Field names follow FollowTheMoney where it has one (birthDate, nationality, passportNumber ...);
`proscribe.model.ftm` converts both ways.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, TypeVar

from proscribe.model.countries import Country, CountryRole
from proscribe.model.dates import DateSpec, PartialDate

T = TypeVar("T")


class Schema(StrEnum):
    """What kind of party an entity is; values are FollowTheMoney schema names."""

    PERSON = "Person"
    ORGANIZATION = "Organization"
    VESSEL = "Vessel"
    AIRPLANE = "Airplane"
    LEGAL_ENTITY = "LegalEntity"  # a party the list does not say more about


class NameKind(StrEnum):
    PRIMARY = "primary"
    ALIAS = "alias"  # a.k.a., good-quality alias
    WEAK_ALIAS = "weak_alias"  # low-quality a.k.a.: short, common or a nickname
    FORMER = "former"  # f.k.a.: a former name of a company or vessel
    ORIGINAL_SCRIPT = "original_script"  # the name in its own script (Hangul, Arabic ...)


@dataclass(frozen=True, slots=True)
class Name:
    """One name of an entity. `full` is as the list writes it; parts when the list splits it."""

    full: str
    kind: NameKind = NameKind.PRIMARY
    first: str | None = None
    last: str | None = None
    script: str | None = None  # ISO 15924 name ("Hangul", "Arabic") when known
    lang: str | None = None


class IdentifierType(StrEnum):
    PASSPORT = "passport"
    NATIONAL_ID = "national_id"
    TAX_ID = "tax_id"
    REGISTRATION = "registration"
    IMO = "imo"
    MMSI = "mmsi"
    CALL_SIGN = "call_sign"
    SWIFT_BIC = "swift_bic"
    CRYPTO_ADDRESS = "crypto_address"
    AIRCRAFT_SERIAL = "aircraft_serial"
    OTHER = "other"


@dataclass(frozen=True, order=True, slots=True)
class Identifier:
    """A typed identifier; `country` is the issuing country's code, `label` the list's wording."""

    type: IdentifierType
    value: str
    country: str | None = None
    label: str | None = None


@dataclass(frozen=True, slots=True)
class Address:
    full: str
    street: str | None = None
    city: str | None = None
    region: str | None = None
    postal_code: str | None = None
    country: str | None = None  # ISO code


@dataclass(frozen=True, slots=True)
class Designation:
    """Why and under what the entity is listed."""

    source: str
    programs: tuple[str, ...] = ()
    listed_on: PartialDate | None = None
    authority: str | None = None
    remarks: str | None = None


@dataclass(frozen=True, slots=True)
class Link:
    """A relation to another entry: `target` is the publisher's id when known, else the text."""

    target: str
    relation: str = "linked_to"
    target_id: str | None = None


@dataclass(frozen=True, slots=True)
class Entity:
    source: str
    id: str
    schema: Schema
    names: tuple[Name, ...]
    designation: Designation
    birth_dates: tuple[DateSpec, ...] = ()
    death_dates: tuple[DateSpec, ...] = ()
    birth_places: tuple[str, ...] = ()
    gender: str | None = None  # "male" | "female" | None
    countries: tuple[Country, ...] = ()
    identifiers: tuple[Identifier, ...] = ()
    addresses: tuple[Address, ...] = ()
    links: tuple[Link, ...] = ()
    # Facts with no typed slot, keyed by FtM property name: title, position, notes,
    # buildDate, vessel type, tonnage, ... Values are tuples of strings.
    extra: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    @property
    def caption(self) -> str:
        for name in self.names:
            if name.kind is NameKind.PRIMARY:
                return name.full
        return self.names[0].full if self.names else self.id

    @property
    def ref(self) -> str:
        return f"{self.source}:{self.id}"

    def names_of(self, *kinds: NameKind) -> list[Name]:
        return [name for name in self.names if name.kind in kinds]

    def countries_as(self, *roles: CountryRole) -> list[str]:
        return [country.code for country in self.countries if country.role in roles]

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict that `from_dict` reads back exactly; empty fields are left out.

        Built field by field, each field tested before its value is made (every value here is
        a string, an enum, a tuple, a mapping or None, so "empty" is plain falsiness): a
        million entities pass through here when a large list is indexed, and making every
        value to drop the empty ones afterwards took 9.5 us an entity where this takes 5.5
        (with `PartialDate.iso`'s %-formatting; 30,000 synthetic entities)."""
        data: dict[str, Any] = {}
        if self.source:
            data["source"] = self.source
        if self.id:
            data["id"] = self.id
        data["schema"] = self.schema._value_
        if self.names:
            data["names"] = [_name_dict(name) for name in self.names]
        designation = _designation_dict(self.designation)
        if designation:
            data["designation"] = designation
        if self.birth_dates:
            data["birth_dates"] = [spec.iso for spec in self.birth_dates]
        if self.death_dates:
            data["death_dates"] = [spec.iso for spec in self.death_dates]
        if self.birth_places:
            data["birth_places"] = list(self.birth_places)
        if self.gender:
            data["gender"] = self.gender
        if self.countries:
            data["countries"] = [[country.code, country.role._value_] for country in self.countries]
        if self.identifiers:
            data["identifiers"] = [_identifier_dict(ident) for ident in self.identifiers]
        if self.addresses:
            data["addresses"] = [_present(address) for address in self.addresses]
        if self.links:
            data["links"] = [_present(link) for link in self.links]
        if self.extra:
            extra = {key: list(values) for key, values in sorted(self.extra.items()) if values}
            if extra:
                data["extra"] = extra
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Entity:
        designation = data.get("designation", {})
        listed_on = designation.get("listed_on")
        return cls(
            source=data["source"],
            id=str(data["id"]),
            schema=Schema(data["schema"]),
            names=tuple(
                Name(**{**name, "kind": NameKind(name.get("kind", "primary"))})
                for name in data.get("names", [])
            ),
            designation=Designation(
                source=designation.get("source", data["source"]),
                programs=tuple(designation.get("programs", ())),
                listed_on=PartialDate.from_iso(listed_on) if listed_on else None,
                authority=designation.get("authority"),
                remarks=designation.get("remarks"),
            ),
            birth_dates=tuple(DateSpec.from_iso(text) for text in data.get("birth_dates", ())),
            death_dates=tuple(DateSpec.from_iso(text) for text in data.get("death_dates", ())),
            birth_places=tuple(data.get("birth_places", ())),
            gender=data.get("gender"),
            countries=tuple(
                Country(code, CountryRole(role)) for code, role in data.get("countries", ())
            ),
            identifiers=tuple(
                Identifier(**{**ident, "type": IdentifierType(ident["type"])})
                for ident in data.get("identifiers", ())
            ),
            addresses=tuple(Address(**address) for address in data.get("addresses", ())),
            links=tuple(Link(**link) for link in data.get("links", ())),
            extra={key: tuple(values) for key, values in data.get("extra", {}).items()},
        )

    def to_json(self) -> str:
        """Canonical JSON: sorted keys, no whitespace; the input of `content_hash`."""
        return json.dumps(self.to_dict(), sort_keys=True, ensure_ascii=False, separators=(",", ":"))

    @property
    def content_hash(self) -> str:
        return hashlib.sha256(self.to_json().encode("utf-8")).hexdigest()


def _present(value: Any) -> dict[str, Any]:
    """The non-empty fields of a slotted dataclass of strings, enums and None, as a dict in
    field order, enums as their values."""
    out: dict[str, Any] = {}
    for name in value.__slots__:
        item = getattr(value, name)
        if item:
            # `_value_`, not `value`: the same string, without the enum property's lookup,
            # which took a third of this function (a list of a million entities passes here).
            out[name] = item._value_ if isinstance(item, StrEnum) else item
    return out


# `_present` spelled out for the two kinds every entity has (two names and an identifier
# on average in a synthetic list of a million): 0.37 us a name where the loop takes 0.79.
def _name_dict(name: Name) -> dict[str, Any]:
    out: dict[str, Any] = {"full": name.full} if name.full else {}
    out["kind"] = name.kind._value_
    if name.first:
        out["first"] = name.first
    if name.last:
        out["last"] = name.last
    if name.script:
        out["script"] = name.script
    if name.lang:
        out["lang"] = name.lang
    return out


def _identifier_dict(identifier: Identifier) -> dict[str, Any]:
    out: dict[str, Any] = {"type": identifier.type._value_}
    if identifier.value:
        out["value"] = identifier.value
    if identifier.country:
        out["country"] = identifier.country
    if identifier.label:
        out["label"] = identifier.label
    return out


def _designation_dict(designation: Designation) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if designation.source:
        out["source"] = designation.source
    if designation.programs:
        out["programs"] = list(designation.programs)
    if designation.listed_on:
        out["listed_on"] = designation.listed_on.iso
    if designation.authority:
        out["authority"] = designation.authority
    if designation.remarks:
        out["remarks"] = designation.remarks
    return out


def unique(items: Iterable[T]) -> tuple[T, ...]:
    """Items in first-seen order without repeats: lists often state a fact twice."""
    return tuple(dict.fromkeys(items))
