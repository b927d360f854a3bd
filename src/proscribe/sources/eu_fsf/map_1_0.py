"""EU legacy 1.0 records -> entities.

* Type P is a Person, E an Organization (the 1.0 schema does not tell companies from groups).
* The first NAME is the primary name (WHOLENAME, or FIRSTNAME MIDDLENAME LASTNAME when there is
  no whole name); every other NAME is an alias: 1.0 has no alias quality. LANGUAGE becomes the
  name's language, GENDER the entity's, TITLE and FUNCTION `title` and `position`.
* BIRTH DATE is ISO (`1937-04-28`, `1960`) or a circa year or range written `1960
  (approximative)`, `1955 - 1958 (approximative)`.
* PASSPORT NUMBER packs number, document type and remarks into one string:
  `AD001095 (passport-National passport) ((passport))`; the code before the dash types the
  identifier (the element is called PASSPORT whatever the document), the rest is the label.
* ADDRESS/OTHER holds notes (`(as at Jan. 2009)`) and contacts (`PHONE[..] FAX[..]`): the
  notes stay in the address, the contacts go to `phone`, `email` and `website`.
* reg_date of the ENTITY is the listing date, programme the program, remark the remarks,
  pdf_link the `sourceUrl`.
"""

from __future__ import annotations

import re

from proscribe.model import (
    Address,
    Country,
    CountryRole,
    DateSpec,
    Designation,
    Entity,
    Identifier,
    IdentifierType,
    Name,
    NameKind,
    Schema,
    unique,
)
from proscribe.sources.eu_fsf.elements import EuElement
from proscribe.sources.eu_fsf.map import (
    AUTHORITY,
    IDENTIFIER_TYPES,
    SOURCE,
    Where,
    alpha3,
    compact,
    country_label,
    distinct_names,
    full_name,
)
from proscribe.sources.eu_fsf.parse_xml_1_0 import EuLegacyList

SCHEMAS = {"P": Schema.PERSON, "E": Schema.ORGANIZATION}
_APPROXIMATE = re.compile(r"\s*\(approximative\)\s*$", re.IGNORECASE)
_CONTACT = re.compile(r"\b(PHONE|FAX|EMAIL|WEB)\[([^\]]*)\]")
CONTACTS = {"PHONE": "phone", "FAX": "phone", "EMAIL": "email", "WEB": "website"}
_PASSPORT = re.compile(r"^(?P<number>.*?)\s*\((?P<code>[a-z]+)-(?P<kind>[^()]*)\)(?P<rest>.*)$")


def map_whole(whole: EuLegacyList) -> list[Entity]:
    return [map_entity(item, whole.file) for item in whole.entities]


def map_entity(item: EuElement, file: str) -> Entity:
    where = Where(file, item.line)
    kind = item.attr("Type")
    if kind not in SCHEMAS:
        raise where.error(f"unknown ENTITY Type {kind!r}", "ENTITY/@Type")
    names = item.all("NAME")
    if not names:
        raise where.error("ENTITY without a NAME", "NAME")
    births = item.all("BIRTH")
    return Entity(
        source=SOURCE,
        id=item.attrs["Id"],
        schema=SCHEMAS[kind],
        names=distinct_names(_name(name, index, file) for index, name in enumerate(names)),
        designation=Designation(
            source=SOURCE,
            programs=tuple(p for p in (item.attr("programme"),) if p),
            listed_on=where.partial_date(item.attr("reg_date"), "ENTITY/@reg_date"),
            authority=AUTHORITY,
            remarks=item.attr("remark"),
        ),
        birth_dates=unique(d for b in births if (d := _birth_date(b, file)) is not None),
        birth_places=unique(p for b in births if (p := _birth_place(b)) is not None),
        gender=where.gender((n.text_of("GENDER") for n in names), "NAME/GENDER"),
        countries=_countries(item),
        identifiers=unique(_passport(p) for p in item.all("PASSPORT") if p.text_of("NUMBER")),
        addresses=unique(a for a in map(_address, item.all("ADDRESS")) if a is not None),
        extra=compact(
            {
                "title": (n.text_of("TITLE") or "" for n in names),
                "position": (n.text_of("FUNCTION") or "" for n in names),
                "sourceUrl": (item.attr("pdf_link") or "",),
                "notes": _unresolved_citizenships(item),
                **_contacts(item),
            }
        ),
    )


def _name(name: EuElement, index: int, file: str) -> Name:
    full = full_name(
        name.text_of("WHOLENAME"),
        name.text_of("FIRSTNAME"),
        name.text_of("MIDDLENAME"),
        name.text_of("LASTNAME"),
    )
    if full is None:
        raise Where(file, name.line).error("NAME without a name", "NAME/WHOLENAME")
    language = name.text_of("LANGUAGE")
    return Name(
        full,
        NameKind.PRIMARY if index == 0 else NameKind.ALIAS,
        first=name.text_of("FIRSTNAME"),
        last=name.text_of("LASTNAME"),
        lang=language.lower() if language else None,
    )


def _birth_date(birth: EuElement, file: str) -> DateSpec | None:
    text = birth.text_of("DATE")
    if text is None:
        return None
    if _APPROXIMATE.search(text):
        text = "circa " + _APPROXIMATE.sub("", text)
    return Where(file, birth.line).date(text, "BIRTH/DATE")


def _birth_place(birth: EuElement) -> str | None:
    country = country_label(alpha3(birth.text_of("COUNTRY")), birth.text_of("COUNTRY"))
    return ", ".join(part for part in (birth.text_of("PLACE"), country) if part) or None


def _countries(item: EuElement) -> tuple[Country, ...]:
    roles = (
        ("CITIZEN", CountryRole.CITIZENSHIP),
        ("BIRTH", CountryRole.BIRTH_PLACE),
        ("ADDRESS", CountryRole.ADDRESS),
    )
    return unique(
        Country(code, role)
        for tag, role in roles
        for child in item.all(tag)
        if (code := alpha3(child.text_of("COUNTRY"))) is not None
    )


def _contacts(item: EuElement) -> dict[str, list[str]]:
    """Phone numbers and the like written into ADDRESS/OTHER as `PHONE[042-681 20 81]`."""
    found: dict[str, list[str]] = {}
    for address in item.all("ADDRESS"):
        for key, value in _CONTACT.findall(address.text_of("OTHER") or ""):
            found.setdefault(CONTACTS[key], []).append(value.strip())
    return found


def _unresolved_citizenships(item: EuElement) -> list[str]:
    texts = [citizen.text_of("COUNTRY") for citizen in item.all("CITIZEN")]
    return [f"Citizenship: {text}" for text in texts if text and alpha3(text) is None]


def _passport(passport: EuElement) -> Identifier:
    text = passport.text_of("NUMBER") or ""
    issuer = passport.text_of("COUNTRY")
    country = alpha3(issuer)
    unresolved = issuer if country is None else None  # kept in the label, not dropped
    found = _PASSPORT.match(text)
    if found is None or not found["number"]:
        return Identifier(IdentifierType.PASSPORT, text, country, unresolved)
    parts = (found["kind"].strip(), found["rest"].strip(), unresolved)
    label = " ".join(part for part in parts if part)
    id_type = IDENTIFIER_TYPES.get(found["code"].lower(), IdentifierType.OTHER)
    return Identifier(id_type, found["number"], country, label or None)


def _address(address: EuElement) -> Address | None:
    street = " ".join(p for p in (address.text_of("NUMBER"), address.text_of("STREET")) if p)
    code = alpha3(address.text_of("COUNTRY"))
    country = country_label(code, address.text_of("COUNTRY"))
    parts = (street, address.text_of("ZIPCODE"), address.text_of("CITY"), country)
    other = _CONTACT.sub("", address.text_of("OTHER") or "").strip()
    full = ", ".join(p for p in (*parts, other) if p)
    if not full:
        return None
    return Address(
        full=full,
        street=street or None,
        city=address.text_of("CITY"),
        postal_code=address.text_of("ZIPCODE"),
        country=code,
    )
