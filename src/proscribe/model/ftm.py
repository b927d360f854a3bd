"""FollowTheMoney entity JSON, both ways.

`to_ftm` writes the entity as FtM does (`id`, `schema`, `properties` of string lists,
`datasets`); `from_ftm` reads such an object back, so an FtM JSON lines file can be loaded as a
custom list. Properties FtM has no name for go to `extra` under our own key and come back
unchanged. The FtM id is `<source>-<id>`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from proscribe.errors import ParseError
from proscribe.model.countries import Country, CountryRole
from proscribe.model.dates import DateSpec, PartialDate, parse_date_spec
from proscribe.model.entity import (
    Address,
    Designation,
    Entity,
    Identifier,
    IdentifierType,
    Link,
    Name,
    NameKind,
    Schema,
    unique,
)

NAME_PROPS = {
    NameKind.PRIMARY: "name",
    NameKind.ALIAS: "alias",
    NameKind.WEAK_ALIAS: "weakAlias",
    NameKind.FORMER: "previousName",
}
COUNTRY_PROPS = {
    CountryRole.NATIONALITY: "nationality",
    CountryRole.CITIZENSHIP: "citizenship",
    CountryRole.RESIDENCE: "country",
    CountryRole.BIRTH_PLACE: "birthCountry",
    CountryRole.FLAG: "flag",
    CountryRole.ADDRESS: "addressCountry",
    CountryRole.JURISDICTION: "jurisdiction",
}
IDENTIFIER_PROPS = {
    IdentifierType.PASSPORT: "passportNumber",
    IdentifierType.NATIONAL_ID: "idNumber",
    IdentifierType.TAX_ID: "taxNumber",
    IdentifierType.REGISTRATION: "registrationNumber",
    IdentifierType.IMO: "imoNumber",
    IdentifierType.MMSI: "mmsi",
    IdentifierType.CALL_SIGN: "callSign",
    IdentifierType.SWIFT_BIC: "swiftBic",
    IdentifierType.CRYPTO_ADDRESS: "cryptoWallet",
    IdentifierType.AIRCRAFT_SERIAL: "serialNumber",
    IdentifierType.OTHER: "identifier",
}


def ftm_id(entity: Entity) -> str:
    return f"{entity.source}-{entity.id}"


def to_ftm(entity: Entity) -> dict[str, Any]:
    props: dict[str, list[str]] = {}

    def add(prop: str, value: str | None) -> None:
        if value and value not in props.setdefault(prop, []):
            props[prop].append(value)

    for name in entity.names:
        prop = NAME_PROPS.get(name.kind, "alias")  # original-script names are aliases in FtM
        add(prop, name.full)
        if name.kind is NameKind.PRIMARY:
            add("firstName", name.first)
            add("lastName", name.last)
    for spec in entity.birth_dates:
        add("birthDate", spec.iso)
    for spec in entity.death_dates:
        add("deathDate", spec.iso)
    for place in entity.birth_places:
        add("birthPlace", place)
    add("gender", entity.gender)
    for country in entity.countries:
        add(COUNTRY_PROPS[country.role], country.code)
    for ident in entity.identifiers:
        add(IDENTIFIER_PROPS[ident.type], ident.value)
    for address in entity.addresses:
        add("address", address.full)
    for program in entity.designation.programs:
        add("program", program)
    if entity.designation.listed_on:
        add("createdAt", entity.designation.listed_on.iso)
    add("notes", entity.designation.remarks)
    for link in entity.links:
        add("associates", link.target)
    for key, values in entity.extra.items():
        for value in values:
            add(key, value)
    return {
        "id": ftm_id(entity),
        "schema": entity.schema.value,
        "properties": props,
        "datasets": [entity.source],
        "topics": ["sanction"],
    }


def from_ftm(data: Mapping[str, Any], source: str, *, where: str = "") -> Entity:
    """Read one FtM entity object into an Entity of `source`; `where` names file and line."""
    try:
        schema = Schema(data["schema"])
    except (KeyError, ValueError):
        schema = Schema.LEGAL_ENTITY if "schema" in data else _missing("schema", where)
    raw_id = data.get("id") or _missing("id", where)
    props: Mapping[str, list[str]] = data.get("properties") or {}
    if not isinstance(props, Mapping):
        raise ParseError("properties must be an object", file=where or None, field="properties")
    names = _names(props)
    if not names:
        raise ParseError("entity has no name", file=where or None, field="properties.name")
    prefix = f"{source}-"
    entity_id = str(raw_id)[len(prefix) :] if str(raw_id).startswith(prefix) else str(raw_id)
    used = {
        "name",
        "alias",
        "weakAlias",
        "previousName",
        "firstName",
        "lastName",
        "birthDate",
        "deathDate",
        "birthPlace",
        "gender",
        "address",
        "program",
        "createdAt",
        "notes",
        "associates",
        *COUNTRY_PROPS.values(),
        *IDENTIFIER_PROPS.values(),
    }
    listed = _first(props, "createdAt")
    try:
        return Entity(
            source=source,
            id=entity_id,
            schema=schema,
            names=names,
            designation=Designation(
                source=source,
                programs=unique(props.get("program", [])),
                listed_on=PartialDate.from_iso(listed[:10]) if listed else None,
                remarks="; ".join(props.get("notes", [])) or None,
            ),
            birth_dates=unique(_date_spec(v) for v in props.get("birthDate", [])),
            death_dates=unique(_date_spec(v) for v in props.get("deathDate", [])),
            birth_places=unique(props.get("birthPlace", [])),
            gender=_first(props, "gender"),
            countries=unique(
                Country(code.lower(), role)
                for role, prop in COUNTRY_PROPS.items()
                for code in props.get(prop, [])
            ),
            identifiers=unique(
                Identifier(kind, value)
                for kind, prop in IDENTIFIER_PROPS.items()
                for value in props.get(prop, [])
            ),
            addresses=unique(Address(full=value) for value in props.get("address", [])),
            links=unique(Link(target=value) for value in props.get("associates", [])),
            extra={key: tuple(values) for key, values in props.items() if key not in used},
        )
    except ValueError as error:
        raise ParseError(str(error), file=where or None, field="properties") from error


def _names(props: Mapping[str, list[str]]) -> tuple[Name, ...]:
    names: list[Name] = []
    for kind, prop in NAME_PROPS.items():
        for index, full in enumerate(props.get(prop, [])):
            if kind is NameKind.PRIMARY and index == 0:
                names.append(
                    Name(
                        full, kind, first=_first(props, "firstName"), last=_first(props, "lastName")
                    )
                )
            else:
                # FtM allows several `name` values; the second and later read as aliases.
                names.append(Name(full, NameKind.ALIAS if kind is NameKind.PRIMARY else kind))
    return unique(names)


def _date_spec(text: str) -> DateSpec:
    """`to_ftm` writes `DateSpec.iso` (`~1966`, `1961/1963`); other FtM writers plain dates."""
    try:
        return DateSpec.from_iso(text)
    except ValueError:
        return parse_date_spec(text)


def _first(props: Mapping[str, list[str]], prop: str) -> str | None:
    values = props.get(prop)
    return values[0] if values else None


def _missing(field: str, where: str) -> Any:
    raise ParseError(f"missing {field}", file=where or None, field=field)
