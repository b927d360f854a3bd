"""OFSI Consolidated List rows -> entities, one per `Group ID`.

Decisions, each from what the 2018-04-13 file holds (9,487 rows, 2,106 groups):

* The id is the Group ID, OFSI's stable id of a target. `Individual` is a Person, `Entity` an
  Organization; an Entity whose Other Information states a ship's IMO number (`IMO: 8937675`,
  `(IMO number: 7303803)`, check digit valid) is a Vessel. Companies quote their IMO *company*
  number (`IMO Number: 5342883`), which has no ship check digit, so they stay organisations.
* A group's rows are the product of its names, dates of birth, addresses and regimes, so every
  fact is collected once per group, in first-seen order.
* Names: `Name 6` is the surname (the whole name of an entity), `Name 1`..`Name 5` the given
  names; a person's full name is the given names then the surname, with `first`/`last` kept.
  `Prime Alias` is the primary name (every group has exactly one distinct one; any other
  distinct Prime Alias would read as an alias), `AKA` an alias, `FKA` a former name.
* Free-text cells that hold numbered lists (`(1) Afghan (2) Pakistani`) are split. Countries
  that resolve to no code are kept as text: nationality in `notes`, birth country in the
  birth places, address country in the address.
* `Passport Details` and `NI Number` become identifiers: the document number picked out of the
  prose as the value, the prose itself as the label, a stated nationality as the issuer.
* A target listed under several regimes has them all as programs; `listed_on` is the earliest
  `Listed On`. `Other Information` is the designation's remarks.
"""

from __future__ import annotations

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
    Name,
    NameKind,
    PartialDate,
    Schema,
    parse_date_spec,
    unique,
)
from proscribe.sources.gb_hmt_ofsi.parse_csv import OfsiList, OfsiRow
from proscribe.sources.gb_hmt_ofsi.text import (
    document_country,
    document_number,
    resolve_country,
    split_numbered,
)

SOURCE = "gb_hmt_ofsi"
AUTHORITY = "HM Treasury, Office of Financial Sanctions Implementation"
SCHEMAS = {"Individual": Schema.PERSON, "Entity": Schema.ORGANIZATION}
NAME_KINDS = {"Prime Alias": NameKind.PRIMARY, "AKA": NameKind.ALIAS, "FKA": NameKind.FORMER}
GIVEN_NAMES = ("Name 1", "Name 2", "Name 3", "Name 4", "Name 5")
ADDRESS_LINES = ("Address 1", "Address 2", "Address 3", "Address 4", "Address 5", "Address 6")
DOCUMENTS = {"Passport Details": IdentifierType.PASSPORT, "NI Number": IdentifierType.NATIONAL_ID}
_SHIP_IMO = re.compile(r"\bIMO(?: number)?:?\s*(\d{7})\b", re.IGNORECASE)
_MMSI = re.compile(r"\bMMSI:?\s*(\d{9})\b")


def map_list(ofsi: OfsiList) -> list[Entity]:
    groups: dict[str, list[OfsiRow]] = {}
    for row in ofsi.rows:
        groups.setdefault(_group_id(row, ofsi.file), []).append(row)
    return [map_group(group_id, rows, ofsi.file) for group_id, rows in groups.items()]


def map_group(group_id: str, rows: Sequence[OfsiRow], file: str) -> Entity:
    schema = _schema(rows, file)
    remarks = _one(rows, "Other Information")
    imo = _ship_imo(remarks) if schema is Schema.ORGANIZATION else None
    facts = _Facts(file)
    for row in rows:
        facts.read(row)
    identifiers = facts.identifiers
    if imo is not None:
        schema = Schema.VESSEL
        identifiers = [Identifier(IdentifierType.IMO, imo), *identifiers]
        identifiers += [
            Identifier(IdentifierType.MMSI, mmsi) for mmsi in _MMSI.findall(remarks or "")
        ]
    return Entity(
        source=SOURCE,
        id=group_id,
        schema=schema,
        names=_names(rows, schema, file),
        designation=Designation(
            source=SOURCE,
            programs=unique(value for row in rows if (value := row.get("Regime"))),
            listed_on=min(facts.listed_on) if facts.listed_on else None,
            authority=AUTHORITY,
            remarks=remarks,
        ),
        birth_dates=unique(facts.birth_dates),
        birth_places=unique(facts.birth_places),
        countries=unique(facts.countries),
        identifiers=unique(identifiers),
        addresses=unique(facts.addresses),
        extra={key: values for key, values in facts.extra().items() if values},
    )


def _group_id(row: OfsiRow, file: str) -> str:
    value = row.get("Group ID")
    if value is None or not value.isdigit():
        raise ParseError(
            f"Group ID must be a number, found {value!r}",
            file=file,
            line=row.line,
            field="Group ID",
        )
    return value


def _schema(rows: Sequence[OfsiRow], file: str) -> Schema:
    first = rows[0].get("Group Type")
    for row in rows:
        kind = row.get("Group Type")
        if kind not in SCHEMAS:
            raise ParseError(
                f"unknown Group Type {kind!r}", file=file, line=row.line, field="Group Type"
            )
        if kind != first:
            raise ParseError(
                f"group {row.get('Group ID')} is both {first} and {kind}",
                file=file,
                line=row.line,
                field="Group Type",
            )
    return SCHEMAS[str(first)]


def _one(rows: Sequence[OfsiRow], column: str) -> str | None:
    """A value that is the same on every row of a group (it is, in every published file)."""
    return next((value for row in rows if (value := row.get(column))), None)


def _ship_imo(remarks: str | None) -> str | None:
    for number in _SHIP_IMO.findall(remarks or ""):
        digits = [int(char) for char in number]
        weighted = sum(
            digit * weight for digit, weight in zip(digits[:6], range(7, 1, -1), strict=True)
        )
        if weighted % 10 == digits[6]:
            return str(number)
    return None


def _names(rows: Sequence[OfsiRow], schema: Schema, file: str) -> tuple[Name, ...]:
    names: list[Name] = []
    for row in rows:
        alias_type = row.get("Alias Type")
        if alias_type not in NAME_KINDS:
            raise ParseError(
                f"unknown Alias Type {alias_type!r}", file=file, line=row.line, field="Alias Type"
            )
        names.append(_name(row, NAME_KINDS[alias_type], schema, file))
    primary = next((name for name in names if name.kind is NameKind.PRIMARY), names[0])
    others = (_demoted(name) for name in names if name.full != primary.full)
    return unique([_as_primary(primary), *others])


def _name(row: OfsiRow, kind: NameKind, schema: Schema, file: str) -> Name:
    surname = row.get("Name 6")
    if surname is None:
        raise ParseError("row has no name", file=file, line=row.line, field="Name 6")
    given = " ".join(part for column in GIVEN_NAMES if (part := row.get(column))) or None
    full = f"{given} {surname}" if given else surname
    if schema is Schema.PERSON:
        return Name(full, kind, first=given, last=surname)
    return Name(full, kind)


def _as_primary(name: Name) -> Name:
    return Name(name.full, NameKind.PRIMARY, first=name.first, last=name.last)


def _demoted(name: Name) -> Name:
    if name.kind is NameKind.PRIMARY:
        return Name(name.full, NameKind.ALIAS, first=name.first, last=name.last)
    return name


class _Facts:
    """What the rows of one group state, collected in order."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.birth_dates: list[DateSpec] = []
        self.birth_places: list[str] = []
        self.countries: list[Country] = []
        self.identifiers: list[Identifier] = []
        self.addresses: list[Address] = []
        self.listed_on: list[PartialDate] = []
        self.titles: list[str] = []
        self.positions: list[str] = []
        self.notes: list[str] = []
        self.modified: list[str] = []

    def read(self, row: OfsiRow) -> None:
        if (dob := row.get("DOB")) is not None:
            self.birth_dates.append(self._date(dob, row, "DOB"))
        self.listed_on.append(
            self._date(_required(row, "Listed On", self.file), row, "Listed On").start
        )
        self.modified.append(
            self._date(_required(row, "Last Updated", self.file), row, "Last Updated").start.iso
        )
        self.titles += split_numbered(row.get("Title"))
        self.positions += split_numbered(row.get("Position"))
        self.birth_places += split_numbered(row.get("Town of Birth"))
        self._countries(row)
        for column, kind in DOCUMENTS.items():
            self._documents(row.get(column), column, kind)
        self._address(row)

    def _countries(self, row: OfsiRow) -> None:
        for text in split_numbered(row.get("Nationality")):
            code = resolve_country(text)
            if code is None:
                self.notes.append(f"Nationality: {text}")
            else:
                self.countries.append(Country(code, CountryRole.NATIONALITY))
        for text in split_numbered(row.get("Country of Birth")):
            code = resolve_country(text)
            if code is None:
                self.birth_places.append(text)
            else:
                self.countries.append(Country(code, CountryRole.BIRTH_PLACE))

    def _address(self, row: OfsiRow) -> None:
        lines = [line for column in ADDRESS_LINES if (line := row.get(column))]
        postal_code, country = row.get("Post/Zip Code"), row.get("Country")
        parts = [*lines, *(value for value in (postal_code, country) if value)]
        if not parts:
            return
        code = resolve_country(country) if country else None
        self.addresses.append(Address(", ".join(parts), postal_code=postal_code, country=code))
        if code is not None:
            self.countries.append(Country(code, CountryRole.ADDRESS))

    def _documents(self, text: str | None, column: str, kind: IdentifierType) -> None:
        """One identifier per item of the cell. An item without digits is a lead-in when
        items follow (`Passport No: (a) ... (b) ...`), otherwise a note."""
        items = split_numbered(text)
        for index, item in enumerate(items):
            if not any(char.isdigit() for char in item):
                if index or len(items) == 1:
                    self.notes.append(f"{column}: {item}")
                continue
            number = document_number(item)
            self.identifiers.append(
                Identifier(kind, number or item, document_country(item), label=item)
            )

    def _date(self, text: str, row: OfsiRow, column: str) -> DateSpec:
        try:
            return parse_date_spec(text)
        except ValueError as error:
            raise ParseError(str(error), file=self.file, line=row.line, field=column) from error

    def extra(self) -> dict[str, tuple[str, ...]]:
        return {
            "title": unique(self.titles),
            "position": unique(self.positions),
            "notes": unique(self.notes),
            "modifiedAt": unique(self.modified),
        }


def _required(row: OfsiRow, column: str, file: str) -> str:
    value = row.get(column)
    if value is None:
        raise ParseError(f"{column} is empty", file=file, line=row.line, field=column)
    return value
