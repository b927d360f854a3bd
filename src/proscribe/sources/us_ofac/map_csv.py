"""OFAC legacy CSV records -> entities.

One entity per sdn.csv row; its aliases come from alt.csv (strong a.k.a.s, f.k.a.s, n.k.a.s)
and from the remarks (weak a.k.a.s), its addresses from add.csv, and everything else OFAC
writes into Remarks from `remarks.parse_remarks`. The full remarks string, continuation from
the comments file included, is kept as the designation's remarks.

`Linked To:` targets are resolved to the uid of the entry with that primary name when exactly
one entry has it; otherwise the link keeps only the name as written.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TypeVar

from proscribe.errors import ParseError
from proscribe.model import (
    Address,
    Country,
    CountryRole,
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
from proscribe.sources.base import clean
from proscribe.sources.us_ofac.map import (
    no_value,
    ofac_country,
    party_name,
    schema_of,
    split_programs,
)
from proscribe.sources.us_ofac.parse_csv import REMARKS_LIMIT, AddRow, AltRow, CsvSet, SdnRow
from proscribe.sources.us_ofac.remarks import RemarkFacts, parse_remarks

T = TypeVar("T")
ALT_KINDS = {"aka": NameKind.ALIAS, "fka": NameKind.FORMER, "nka": NameKind.ALIAS}


class NameIndex:
    """Primary names -> uid, for resolving `Linked To:` targets. Ambiguous names map to None."""

    def __init__(self, rows: Iterable[SdnRow]) -> None:
        self._uids: dict[str, str | None] = {}
        for row in rows:
            key = _link_key(row.SDN_Name)
            self._uids[key] = None if key in self._uids else row.ent_num

    def resolve(self, link: Link) -> Link:
        """The link with the target's uid, when the target is a primary name of the list."""
        if link.relation != "linked_to":
            return link  # family ties name people in prose, not as listed
        # The remarks' final full stop swallows the one of a name ending in "S.A.".
        for candidate in (link.target, f"{link.target}."):
            uid = self._uids.get(_link_key(candidate))
            if uid is not None:
                return Link(target=candidate, relation=link.relation, target_id=uid)
        return link


def _link_key(name: str) -> str:
    return " ".join(name.split()).casefold()


def map_set(records: CsvSet, source: str, main_file: str) -> tuple[list[Entity], int]:
    """All entities of a publication, and how many remarks were cut short by the publisher."""
    index = NameIndex(records.main)
    entities: list[Entity] = []
    truncated = 0
    for row in records.main:
        remarks, cut = full_remarks(row, records.comments.get(row.ent_num))
        truncated += cut
        entities.append(map_row(row, source, main_file, remarks, cut, records, index))
    return entities, truncated


def full_remarks(row: SdnRow, continuation: str | None) -> tuple[str | None, bool]:
    """Remarks with their continuation glued on, and whether they still end cut short."""
    raw = (row.Remarks or "") + (continuation or "")
    cut = len(raw) >= REMARKS_LIMIT and not raw.rstrip().endswith(".")
    return clean(raw), cut


def map_row(
    row: SdnRow,
    source: str,
    file: str,
    remarks: str | None,
    truncated: bool,
    records: CsvSet,
    index: NameIndex,
) -> Entity:
    schema = schema_of(row.SDN_Type)
    if schema is None:
        raise ParseError(
            f"unknown SDN_Type {row.SDN_Type!r}", file=file, line=row.line, field="SDN_Type"
        )
    facts = parse_remarks(remarks, truncated=truncated)
    titles = _titles(row.Title)
    addresses = [
        address
        for add in records.addresses.get(row.ent_num, ())
        if (address := _address(add)) is not None
    ]
    address_countries = [Country(a.country, CountryRole.ADDRESS) for a in addresses if a.country]
    vessel_countries, vessel_ids, vessel_extra = _vessel(row)
    return Entity(
        source=source,
        id=row.ent_num,
        schema=schema,
        names=_names(row, schema, records.alts.get(row.ent_num, ()), facts.names),
        designation=Designation(
            source=source, programs=split_programs(row.Program), remarks=remarks
        ),
        birth_dates=distinct(facts.birth_dates),
        birth_places=distinct(facts.birth_places),
        gender=facts.gender,
        countries=distinct([*facts.countries, *vessel_countries, *address_countries]),
        identifiers=distinct([*vessel_ids, *facts.identifiers]),
        addresses=distinct(addresses),
        links=distinct([index.resolve(link) for link in facts.links]),
        extra=_extra(({"position": titles}, vessel_extra, facts.extra)),
    )


def distinct(items: list[T]) -> tuple[T, ...]:
    """`unique`, without hashing when there is nothing to compare: most lists here hold zero
    or one item, and hashing frozen dataclasses was a tenth of the mapping time."""
    return tuple(items) if len(items) < 2 else unique(items)


def _names(
    row: SdnRow, schema: Schema, alts: Iterable[AltRow], remark_names: Iterable[Name]
) -> tuple[Name, ...]:
    names = [party_name(clean(row.SDN_Name) or row.SDN_Name, NameKind.PRIMARY, schema)]
    for alt in alts:
        full = clean(alt.alt_name) or alt.alt_name
        names.append(party_name(full, ALT_KINDS[alt.alt_type], schema))
    # Remarks aliases repeat alt.csv ones now and then; a name already known is not a
    # second, weaker alias of itself.
    known = {name.full.casefold() for name in names}
    for name in remark_names:
        if name.full.casefold() not in known:
            known.add(name.full.casefold())
            names.append(party_name(name.full, name.kind, schema))
    return distinct(names)


def _titles(title: str | None) -> list[str]:
    text = clean(title)
    if text is None:
        return []
    return [part.strip() for part in text.split("; ") if part.strip()]


def _address(row: AddRow) -> Address | None:
    """An add.csv row; None when all its fields are empty (OFAC writes such rows)."""
    street, city, country = clean(row.Address), clean(row.City), clean(row.Country)
    full = ", ".join(part for part in (street, city, country) if part)
    if not full:
        return None
    return Address(full=full, street=street, city=city, country=ofac_country(country))


def _vessel(row: SdnRow) -> tuple[list[Country], list[Identifier], dict[str, list[str]]]:
    """The vessel columns: flag, call sign, and the facts FtM keeps as Vessel properties."""
    countries: list[Country] = []
    extra: dict[str, list[str]] = {}
    flag = clean(row.Vess_flag)
    if flag is not None and not no_value(flag):
        code = ofac_country(flag)
        if code is not None:
            countries.append(Country(code, CountryRole.FLAG))
        else:
            extra["flag"] = [flag]  # an unknown spelling is kept, not dropped
    call_sign = clean(row.Call_Sign)
    ids = [Identifier(IdentifierType.CALL_SIGN, call_sign, None, "Call Sign")] if call_sign else []
    for key, text in (
        ("type", row.Vess_type),
        ("tonnage", row.Tonnage),
        ("grossRegisteredTonnage", row.GRT),
        ("ownerName", row.Vess_owner),
    ):
        found = clean(text)
        if found is not None:
            extra[key] = [found]
    return countries, ids, extra


def _extra(parts: Iterable[Mapping[str, list[str]]]) -> dict[str, tuple[str, ...]]:
    merged: dict[str, list[str]] = {}
    for part in parts:
        for key, values in part.items():
            merged.setdefault(key, []).extend(values)
    return {key: distinct(values) for key, values in merged.items() if values}


def unexplained(facts: RemarkFacts, title: str | None) -> list[str]:
    """Remark fragments neither parsed nor repeating the Title column (for coverage checks)."""
    titles = {part.rstrip(".") for part in _titles(title)}
    return [text for text in facts.unparsed if text.rstrip(".") not in titles]
