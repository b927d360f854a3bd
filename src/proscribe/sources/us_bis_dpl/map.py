"""Denied Persons List rows -> entities.

Decisions, from the three published files we hold (2019-06-29, 2022-09-07, 2023-11-30):

* The list has no id column. A party with several addresses has one row per address (ABDULAH
  AL NASSER: two rows, two addresses), and a renewed temporary denial order keeps the row but
  moves its Effective/Expiration dates, Last_Update, Action and FR_Citation (12 such renewals
  between the 2019 and 2022 files, 20 between 2022 and 2023; 1 to 4 address edits). So the id
  is a short hash of the normalised name and address (Name, Street_Address, City, State,
  Country, Postal_Code): the same row keeps its id across versions through renewals, and the
  rows of one party at two addresses stay two entries, as the list states them. Only rows
  that share name and address are one entry: in the files we hold those are exact duplicates
  (3 in 2019, 2 in 2022 and 2023), so the entity count is the row count minus those.
* The list does not say person or company: a name with a legal form or a plain business word
  (`LTD`, `INC`, `GMBH`, `AIRLINES`, `TRADING` ...) is an Organization, any other a
  LegalEntity. No name is guessed to be a person.
* `A/K/A` and `D/B/A` inside a name separate aliases (`FUYI SUN A/K/A FRANK SUN`), `F/K/A` a
  former name. Nicknames in quotes or parentheses are left as written.
* Effective_Date (MM/DD/YYYY) is `listed_on`; Expiration_Date goes to `endDate`, Last_Update
  (YYYY-MM-DD) to `modifiedAt`, Standard_Order (Y/N) to `standardOrder`, FR_Citation to
  `federalRegisterNotice`, and Action (`FR NOTICE ADDED`, `50 YEAR DENIAL`) is the remarks, as
  trade.gov's Consolidated Screening List does with the same rows.
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
    Designation,
    Entity,
    Name,
    NameKind,
    PartialDate,
    Schema,
    country_code,
    parse_date_spec,
    unique,
)
from proscribe.sources.us_bis_dpl.parse_tsv import DplRow

SOURCE = "us_bis_dpl"
AUTHORITY = "US Department of Commerce, Bureau of Industry and Security"
KEY_COLUMNS = ("Name", "Street_Address", "City", "State", "Country", "Postal_Code")
ID_LENGTH = 16  # hex digits of the hash: 64 bits, no collision among a few thousand rows
_ALIAS_SPLIT = re.compile(r"\s+([ADF])/[KB]/A\s+")
_ALIAS_KINDS = {"A": NameKind.ALIAS, "D": NameKind.ALIAS, "F": NameKind.FORMER}
_ORGANIZATION = re.compile(
    r"\b(?:INC|LTD|LLC|L\.L\.C|LLP|PLC|CORP|CORPORATION|COMPANY|CO|GMBH|AG|JSC|OJSC|OOO|PJSC|"
    r"LIMITED|PTE|SARL|S\.A|S\.L|S\.R\.L|SPA|BV|NV|FZE|FZCO|FZ-LLC|AIRLINES?|AIRWAYS|AVIATION|"
    r"TRADING|GROUP|ELECTRONICS|INDUSTRIES|INDUSTRIAL|TECHNOLOGY|TECHNOLOGIES|SERVICES?|"
    r"INTERNATIONAL|ENTERPRISES?|SYSTEMS|COMMUNICATIONS|INTERNACIONAL|EMPRESA)\b\.?"
)
_US_DATE = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_STANDARD_ORDER = {"Y": "Y", "N": "N"}


def map_rows(rows: Sequence[DplRow], file: str) -> list[Entity]:
    groups: dict[str, list[DplRow]] = {}
    for row in rows:
        groups.setdefault(entry_id(row, file), []).append(row)
    return [map_entry(entry, group, file) for entry, group in groups.items()]


def entry_id(row: DplRow, file: str) -> str:
    if row.get("Name") is None:
        raise ParseError("row has no name", file=file, line=row.line, field="Name")
    key = "\x1f".join((row.get(column) or "").upper() for column in KEY_COLUMNS)
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:ID_LENGTH]


def map_entry(entry: str, rows: Sequence[DplRow], file: str) -> Entity:
    first = rows[0]
    names = split_names(str(first.get("Name")))
    address, code = _address(first)
    return Entity(
        source=SOURCE,
        id=entry,
        schema=Schema.ORGANIZATION if _ORGANIZATION.search(names[0].full) else Schema.LEGAL_ENTITY,
        names=names,
        designation=Designation(
            source=SOURCE,
            listed_on=min(_date(row, "Effective_Date", file) for row in rows),
            authority=AUTHORITY,
            remarks="; ".join(unique(a for row in rows if (a := row.get("Action")))) or None,
        ),
        countries=(Country(code, CountryRole.ADDRESS),) if code else (),
        addresses=(address,) if address else (),
        extra=_extra(rows, file),
    )


def split_names(text: str) -> tuple[Name, ...]:
    """The name as written up to the first `A/K/A`, `D/B/A` or `F/K/A`, then the others."""
    parts = _ALIAS_SPLIT.split(text)
    names = [Name(parts[0], NameKind.PRIMARY)]
    for marker, name in zip(parts[1::2], parts[2::2], strict=True):
        names.append(Name(name, _ALIAS_KINDS[marker]))
    return unique(names)


def _address(row: DplRow) -> tuple[Address | None, str | None]:
    street, city, state = row.get("Street_Address"), row.get("City"), row.get("State")
    postal_code, country = row.get("Postal_Code"), row.get("Country")
    parts = [part for part in (street, city, state, postal_code, country) if part]
    if not parts:
        return None, None
    code = country_code(country) if country else None
    address = Address(
        ", ".join(parts),
        street=street,
        city=city,
        region=state,
        postal_code=postal_code,
        country=code,
    )
    return address, code


def _date(row: DplRow, column: str, file: str) -> PartialDate:
    text = row.get(column) or ""
    try:
        return parse_date_spec(_iso(text, column)).start
    except ValueError as error:
        raise ParseError(str(error), file=file, line=row.line, field=column) from error


def _iso(text: str, column: str) -> str:
    """BIS writes MM/DD/YYYY for Effective and Expiration dates, YYYY-MM-DD for Last_Update."""
    if column == "Last_Update":
        if _ISO_DATE.fullmatch(text) is None:
            raise ValueError(f"not a YYYY-MM-DD date: {text!r}")
        return text
    found = _US_DATE.fullmatch(text)
    if found is None:
        raise ValueError(f"not an MM/DD/YYYY date: {text!r}")
    return f"{found[3]}-{found[1]}-{found[2]}"


def _optional_date(row: DplRow, column: str, file: str) -> str | None:
    return None if row.get(column) is None else _date(row, column, file).iso


def _standard_order(row: DplRow, file: str) -> str | None:
    value = row.get("Standard_Order")
    if value is None:
        return None
    if value.upper() not in _STANDARD_ORDER:
        raise ParseError(
            f"Standard_Order must be Y or N, found {value!r}",
            file=file,
            line=row.line,
            field="Standard_Order",
        )
    return _STANDARD_ORDER[value.upper()]


def _extra(rows: Sequence[DplRow], file: str) -> dict[str, tuple[str, ...]]:
    extra = {
        "endDate": unique(d for row in rows if (d := _optional_date(row, "Expiration_Date", file))),
        "modifiedAt": unique(d for row in rows if (d := _optional_date(row, "Last_Update", file))),
        "standardOrder": unique(s for row in rows if (s := _standard_order(row, file))),
        "federalRegisterNotice": unique(c for row in rows if (c := row.get("FR_Citation"))),
    }
    return {key: values for key, values in extra.items() if values}
