"""EU XML 1.1 records -> entities.

* subjectType code `person` is a Person, `enterprise` an Organization; any other code is
  refused (the schema has no vessels: the EU lists ships under their owners).
* Names: the first `strong` nameAlias is the primary name, other strong ones are aliases and
  `strong="false"` ones weak aliases; so is a strong one whose remark says "low quality" (the
  Commission's way of marking some before `strong` existed). wholeName, or the parts joined;
  nameLanguage is the name's language. gender, title and function of the aliases become the
  entity's gender, `title` and `position` (lettered lists `(a) .. (b) ..` split).
* Birth dates: `birthdate`, else year/monthOfYear/dayOfMonth, else yearRangeFrom/yearRangeTo;
  `circa="true"` makes it approximate. A date in a calendar other than the Gregorian one is kept
  in `notes`, not converted.
* designationDate is the listing date; each regulation's programme is a program and its
  publicationUrl a `sourceUrl`; the entity's remarks and designationDetails are the remarks.
* identification: typed by identificationTypeCode; the description, issuer, date of issue, the
  flags (known false, known expired, revoked, lost, diplomatic) and remarks form the label.
  One without a number is kept in `notes`.
* address: parts and country; its remarks go to `notes`, its contactInfo to `phone`, `email`,
  `website`.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

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
    alpha2,
    compact,
    country_label,
    distinct_names,
    full_name,
    lettered,
)
from proscribe.sources.eu_fsf.parse_xml_1_1 import EuExport

SCHEMAS = {"person": Schema.PERSON, "enterprise": Schema.ORGANIZATION}
CONTACTS = {"PHONE": "phone", "FAX": "phone", "EMAIL": "email", "WEB": "website"}
FLAGS = {
    "knownFalse": "known to be false",
    "knownExpired": "known to be expired",
    "revokedByIssuer": "revoked by issuer",
    "reportedLost": "reported lost",
    "diplomatic": "diplomatic",
}


def map_export(export: EuExport) -> list[Entity]:
    return [map_entity(item, export.file) for item in export.entities]


def map_entity(item: EuElement, file: str) -> Entity:
    where = Where(file, item.line)
    aliases = item.all("nameAlias")
    notes: list[str] = []
    return Entity(
        source=SOURCE,
        id=item.attrs["logicalId"],
        schema=_schema(item, where),
        names=_names(aliases, where),
        designation=Designation(
            source=SOURCE,
            programs=unique(p for r in item.all("regulation") if (p := r.attr("programme"))),
            listed_on=where.partial_date(item.attr("designationDate"), "@designationDate"),
            authority=AUTHORITY,
            remarks="; ".join((*item.texts_of("remark"), *_details(item))) or None,
        ),
        birth_dates=unique(_birth_dates(item.all("birthdate"), file, notes)),
        birth_places=unique(p for b in item.all("birthdate") if (p := _place(b)) is not None),
        gender=where.gender((a.attr("gender") for a in aliases), "nameAlias/@gender"),
        countries=_countries(item),
        identifiers=unique(_identifiers(item.all("identification"), notes)),
        addresses=unique(a for a in map(_address, item.all("address")) if a is not None),
        extra=compact(
            {
                "title": (t for a in aliases for t in lettered(a.attr("title"))),
                "position": (f for a in aliases for f in lettered(a.attr("function"))),
                "notes": [*notes, *(r for a in item.all("address") for r in a.texts_of("remark"))],
                "sourceUrl": (r.text_of("publicationUrl") or "" for r in item.all("regulation")),
                "authorityId": (item.attr("euReferenceNumber") or "",),
                "unscId": (item.attr("unitedNationId") or "",),
                **_contacts(item),
            }
        ),
    )


def _schema(item: EuElement, where: Where) -> Schema:
    subject = item.first("subjectType")
    code = subject.attr("code") if subject is not None else None
    if code not in SCHEMAS:
        raise where.error(f"unknown subject type {code!r}", "subjectType/@code")
    return SCHEMAS[code]


def _details(item: EuElement) -> list[str]:
    details = item.attr("designationDetails")
    return [details] if details else []


def _names(aliases: tuple[EuElement, ...], where: Where) -> tuple[Name, ...]:
    names: list[Name] = []
    for alias in aliases:
        full = full_name(
            alias.attr("wholeName"),
            alias.attr("firstName"),
            alias.attr("middleName"),
            alias.attr("lastName"),
        )
        if full is None:
            continue  # an alias giving only a title or function; they are read below
        language = alias.attr("nameLanguage")
        names.append(
            Name(
                full,
                _alias_kind(alias),
                first=alias.attr("firstName"),
                last=alias.attr("lastName"),
                lang=language.lower() if language else None,
            )
        )
    if not names:
        raise where.error("sanctionEntity without a name", "nameAlias/@wholeName")
    primary = next((n for n in names if n.kind is NameKind.ALIAS), names[0])
    names.remove(primary)
    return distinct_names([replace(primary, kind=NameKind.PRIMARY), *names])


def _alias_kind(alias: EuElement) -> NameKind:
    low_quality = any("low quality" in r.lower() for r in alias.texts_of("remark"))
    strong = (alias.attr("strong") or "true").lower() != "false"
    return NameKind.ALIAS if strong and not low_quality else NameKind.WEAK_ALIAS


def _birth_dates(births: tuple[EuElement, ...], file: str, notes: list[str]) -> Iterator[DateSpec]:
    for birth in births:
        text = _date_text(birth)
        if text is None:
            continue
        calendar = (birth.attr("calendarType") or "GREGORIAN").upper()
        if calendar != "GREGORIAN":
            notes.append(f"Date of birth ({calendar.lower()} calendar): {text}")
            continue
        circa = (birth.attr("circa") or "").lower() == "true"
        yield Where(file, birth.line).date(("circa " if circa else "") + text, "birthdate")


def _date_text(birth: EuElement) -> str | None:
    if birth.attr("birthdate"):
        return birth.attr("birthdate")
    start, end = birth.attr("yearRangeFrom"), birth.attr("yearRangeTo")
    if start and end:
        return f"{start} to {end}"
    year = birth.attr("year")
    if year is None:
        return None
    month, day = birth.attr("monthOfYear"), birth.attr("dayOfMonth")
    if month is None:
        return year
    return f"{year}-{int(month):02d}" + (f"-{int(day):02d}" if day else "")


def _place(node: EuElement) -> str | None:
    country = country_label(alpha2(node.attr("countryIso2Code")), _description(node))
    parts = ("place", "city", "region", "zipCode")
    return ", ".join(p for p in (*(node.attr(n) for n in parts), country) if p) or None


def _description(node: EuElement) -> str | None:
    text = node.attr("countryDescription")
    return None if text is None or text.upper() == "UNKNOWN" else text


def _countries(item: EuElement) -> tuple[Country, ...]:
    roles = (
        ("citizenship", CountryRole.CITIZENSHIP),
        ("birthdate", CountryRole.BIRTH_PLACE),
        ("address", CountryRole.ADDRESS),
    )
    return unique(
        Country(code, role)
        for tag, role in roles
        for node in item.all(tag)
        if (code := alpha2(node.attr("countryIso2Code"))) is not None
    )


def _identifiers(nodes: tuple[EuElement, ...], notes: list[str]) -> Iterator[Identifier]:
    for node in nodes:
        code = (node.attr("identificationTypeCode") or "").lower()
        country = alpha2(node.attr("countryIso2Code"))
        details = [
            node.attr("identificationTypeDescription") or code or "identification",
            f"issued by {node.attr('issuedBy')}" if node.attr("issuedBy") else None,
            f"issued {node.attr('issueDate')}" if node.attr("issueDate") else None,
            None if country else _description(node),
            *(text for flag, text in FLAGS.items() if node.attr(flag) == "true"),
            *node.texts_of("remark"),
        ]
        label = "; ".join(part for part in details if part)
        number = node.attr("number") or node.attr("latinNumber")
        if number is None:
            notes.append(label)
            continue
        yield Identifier(IDENTIFIER_TYPES.get(code, IdentifierType.OTHER), number, country, label)


def _address(node: EuElement) -> Address | None:
    code = alpha2(node.attr("countryIso2Code"))
    street = ", ".join(p for p in (node.attr("street"), node.attr("poBox")) if p) or None
    parts = (street, node.attr("place"), node.attr("zipCode"), node.attr("city"))
    country = country_label(code, _description(node))
    full = ", ".join(p for p in (*parts, node.attr("region"), country) if p)
    if not full:
        return None
    return Address(
        full=full,
        street=street,
        city=node.attr("city"),
        region=node.attr("region"),
        postal_code=node.attr("zipCode"),
        country=code,
    )


def _contacts(item: EuElement) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for address in item.all("address"):
        for contact in address.all("contactInfo"):
            prop = CONTACTS.get((contact.attr("key") or "").upper())
            if prop is not None and contact.attr("value"):
                found.setdefault(prop, []).append(contact.attrs["value"])
    return found
