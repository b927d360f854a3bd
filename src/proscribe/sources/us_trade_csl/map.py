"""Consolidated Screening List rows -> entities, one per row.

Decisions, from the 2019-12-03 excerpt (115 rows of nine of the combined lists):

* The id is `entity_number` when the row has one (the OFAC uid of SDN, SSI, PLC and CAPTA
  rows: stable, and the same id `us_ofac_sdn` uses). The Commerce and State lists have none;
  their id is the list's abbreviation and a short hash of source, name and addresses
  (`el-3f9a...`), stable while those stay the same. The Entity List has one row per address
  country of a party (Gunther Migeotte: 5 rows), so the addresses belong in the key; a row
  that repeats source, name and addresses exactly is dropped as a duplicate, and any other
  row with the same key (none in the files we hold) gets `-2`, `-3` in file order.
* `type`: Individual -> Person, Entity -> Organization, Vessel, Aircraft -> Airplane; empty
  (every non-Treasury list) -> LegalEntity.
* Names are kept as written; an individual's `SURNAME, Given` is also split into last/first.
  `alt_names` are aliases (the CSL does not carry OFAC's weak-alias flag).
* `source` is kept as `listSource`, its department (after ` - `) is the authority; `programs`
  (`; `-joined) the programs, `start_date` `listed_on`. Remarks are the remarks, and each
  `(Linked To: X)` in them a link.
* Countries: `nationalities` and `citizenships` are ISO codes; an address's last part and a
  place of birth's last part give a country when they resolve. Unresolvable ones stay as text.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence

from proscribe.errors import ParseError
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
    Schema,
    country_code,
    parse_date_spec,
    unique,
)
from proscribe.sources.us_trade_csl.ids import read_ids
from proscribe.sources.us_trade_csl.parse_csv import CslRow

SOURCE = "us_trade_csl"
SCHEMAS = {
    None: Schema.LEGAL_ENTITY,
    "Individual": Schema.PERSON,
    "Entity": Schema.ORGANIZATION,
    "Vessel": Schema.VESSEL,
    "Aircraft": Schema.AIRPLANE,
}
ID_LENGTH = 12  # hex digits of the hash: 48 bits, within one list of a few thousand rows
_ABBREVIATION = re.compile(r"\(([A-Z]{2,6})\)")
_LINKED_TO = re.compile(r"\(Linked To: ([^)]+)\)")
_ISO_DATE = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")
# Row columns that go to `extra` as they are, under FtM (or our) property names.
EXTRA_COLUMNS = {
    "title": "title",
    "federal_register_notice": "federalRegisterNotice",
    "license_requirement": "licenseRequirement",
    "license_policy": "licensePolicy",
    "vessel_type": "type",
    "gross_tonnage": "tonnage",
    "gross_registered_tonnage": "grossRegisteredTonnage",
    "vessel_owner": "ownerName",
    "source_list_url": "sourceUrl",
    "source_information_url": "sourceUrl",
}


def map_rows(rows: Sequence[CslRow], file: str) -> tuple[list[Entity], int]:
    """The entities, and how many rows were dropped as exact duplicates."""
    entities: list[Entity] = []
    seen_rows: set[tuple[str, ...]] = set()
    seen_ids: dict[str, int] = {}
    for row in rows:
        content = tuple(row.fields.values())
        if content in seen_rows:
            continue
        seen_rows.add(content)
        entity_id = _entity_id(row, file)
        seen_ids[entity_id] = seen_ids.get(entity_id, 0) + 1
        if seen_ids[entity_id] > 1:
            if row.get("entity_number"):
                raise ParseError(
                    f"duplicate entity_number {entity_id}",
                    file=file,
                    line=row.line,
                    field="entity_number",
                )
            entity_id = f"{entity_id}-{seen_ids[entity_id]}"
        entities.append(map_row(row, entity_id, file))
    return entities, len(rows) - len(entities)


def _entity_id(row: CslRow, file: str) -> str:
    number = row.get("entity_number")
    if number is not None:
        return number
    source, name = _required(row, "source", file), _required(row, "name", file)
    found = _ABBREVIATION.search(source)
    prefix = found[1].lower() if found else "csl"
    key = "\x1f".join((source, name, row.get("addresses") or "")).upper()
    return f"{prefix}-{hashlib.sha256(key.encode('utf-8')).hexdigest()[:ID_LENGTH]}"


def map_row(row: CslRow, entity_id: str, file: str) -> Entity:
    kind = row.get("type")
    if kind not in SCHEMAS:
        raise ParseError(f"unknown type {kind!r}", file=file, line=row.line, field="type")
    schema = SCHEMAS[kind]
    facts = read_ids(row.values("ids"))
    extra = _extra(row, file, facts.extra)
    countries, notes = _countries(row)
    if notes:
        extra["notes"] = unique([*extra.get("notes", ()), *notes])
    return Entity(
        source=SOURCE,
        id=entity_id,
        schema=schema,
        names=_names(row, schema, file),
        designation=_designation(row, file),
        birth_dates=unique(
            _date(row, "dates_of_birth", text, file) for text in row.values("dates_of_birth")
        ),
        birth_places=unique(row.values("places_of_birth")),
        countries=countries,
        identifiers=unique([*_call_sign(row), *facts.identifiers]),
        addresses=unique(_address(text) for text in row.values("addresses")),
        links=unique(Link(target) for target in _LINKED_TO.findall(row.get("remarks") or "")),
        extra={key: values for key, values in extra.items() if values},
    )


def _required(row: CslRow, column: str, file: str) -> str:
    value = row.get(column)
    if value is None:
        raise ParseError(f"{column} is empty", file=file, line=row.line, field=column)
    return value


def _names(row: CslRow, schema: Schema, file: str) -> tuple[Name, ...]:
    names = [_name(_required(row, "name", file), NameKind.PRIMARY, schema)]
    names += [_name(text, NameKind.ALIAS, schema) for text in row.values("alt_names")]
    return unique(names)


def _name(text: str, kind: NameKind, schema: Schema) -> Name:
    last, comma, first = text.partition(", ")
    if schema is Schema.PERSON and comma and "," not in first:
        return Name(text, kind, first=first, last=last)
    return Name(text, kind)


def _designation(row: CslRow, file: str) -> Designation:
    source = _required(row, "source", file)
    start = row.get("start_date")
    return Designation(
        source=SOURCE,
        programs=unique(row.values("programs")),
        listed_on=_date(row, "start_date", start, file).start if start else None,
        authority=source.rpartition(" - ")[2] if " - " in source else None,
        remarks=row.get("remarks"),
    )


def _date(row: CslRow, column: str, text: str, file: str) -> DateSpec:
    """trade.gov writes ISO dates, or a bare year for dates of birth."""
    try:
        if _ISO_DATE.fullmatch(text) is None:
            raise ValueError(f"not an ISO date: {text!r}")
        return parse_date_spec(text)
    except ValueError as error:
        raise ParseError(str(error), file=file, line=row.line, field=column) from error


def _countries(row: CslRow) -> tuple[tuple[Country, ...], list[str]]:
    countries: list[Country] = []
    notes: list[str] = []
    for column, role, label in (
        ("nationalities", CountryRole.NATIONALITY, "Nationality"),
        ("citizenships", CountryRole.CITIZENSHIP, "Citizenship"),
        ("vessel_flag", CountryRole.FLAG, "Flag"),
    ):
        for text in row.values(column):
            code = country_code(text)
            if code is None:
                notes.append(f"{label}: {text}")
            else:
                countries.append(Country(code, role))
    for text in row.values("places_of_birth"):
        if (code := country_code(text.rpartition(", ")[2])) is not None:
            countries.append(Country(code, CountryRole.BIRTH_PLACE))
    for text in row.values("addresses"):
        if (code := _address(text).country) is not None:
            countries.append(Country(code, CountryRole.ADDRESS))
    return unique(countries), notes


def _address(text: str) -> Address:
    """`street, city, region, postal code, CC`: only the trailing country code is read."""
    last = text.rpartition(", ")[2]
    code = country_code(last) if len(last) == 2 and last.isalpha() else None
    return Address(text, country=code)


def _call_sign(row: CslRow) -> list[Identifier]:
    value = row.get("call_sign")
    return [Identifier(IdentifierType.CALL_SIGN, value)] if value else []


def _extra(row: CslRow, file: str, from_ids: dict[str, list[str]]) -> dict[str, tuple[str, ...]]:
    extra: dict[str, list[str]] = {"listSource": [_required(row, "source", file)]}
    for column, key in EXTRA_COLUMNS.items():
        if (value := row.get(column)) is not None:
            extra.setdefault(key, []).append(value)
    if (end := row.get("end_date")) is not None:
        extra["endDate"] = [_date(row, "end_date", end, file).iso]
    if (order := row.get("standard_order")) is not None:
        extra["standardOrder"] = [order.upper()]
    for key, values in from_ids.items():
        extra.setdefault(key, []).extend(values)
    return {key: unique(values) for key, values in extra.items()}
