"""The `ids` cell of the Consolidated Screening List: typed identifiers and the facts OFAC
keeps in the same place.

Items are `; `-joined, each `[CC, ]value, Type` with the type last (`US, 80-0890696, Tax ID
No.`, `IMO 9116412, Vessel Registration Identification`, `RKBZCHZZ, SWIFT/BIC`). OFAC also
stores non-identifiers there: websites, e-mail addresses, a vessel's former flag, secondary
sanctions risk and Ukraine directive determinations (`Subject to Directive 3, Executive Order
13662 Directive Determination -`). Those go to `extra` under FtM property names; a type we do
not know stays an identifier of type `other` with the list's wording as its label.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from proscribe.model import Identifier, IdentifierType, country_code

IDENTIFIER_TYPES = {
    "tax id no": IdentifierType.TAX_ID,
    "nit": IdentifierType.TAX_ID,
    "ruc": IdentifierType.TAX_ID,
    "passport": IdentifierType.PASSPORT,
    "national id no": IdentifierType.NATIONAL_ID,
    "cedula no": IdentifierType.NATIONAL_ID,
    "identification number": IdentifierType.NATIONAL_ID,
    "registration id": IdentifierType.REGISTRATION,
    "registration number": IdentifierType.REGISTRATION,
    "company number": IdentifierType.REGISTRATION,
    "commercial registry number": IdentifierType.REGISTRATION,
    "matricula mercantil no": IdentifierType.REGISTRATION,
    "government gazette number": IdentifierType.REGISTRATION,
    "business registration document": IdentifierType.REGISTRATION,
    "swift/bic": IdentifierType.SWIFT_BIC,
    "mmsi": IdentifierType.MMSI,
    "aircraft manufacturer's serial number (msn)": IdentifierType.AIRCRAFT_SERIAL,
}
# Item types that are facts, not identifiers: the FtM property each goes to.
EXTRA_PROPERTIES = {
    "website": "website",
    "email address": "email",
    "secondary sanctions risk": "secondarySanctions",
    "additional sanctions information": "secondarySanctions",
}
_LABEL_END = " .:-#\t"
_IMO = re.compile(r"IMO\s*(\d{7})")
_COUNTRY_PREFIX = re.compile(r"([A-Z]{2}), (.+)")


@dataclass
class IdFacts:
    """What the `ids` cell of one row says."""

    identifiers: list[Identifier] = field(default_factory=list)
    extra: dict[str, list[str]] = field(default_factory=dict)

    def add_extra(self, key: str, value: str) -> None:
        self.extra.setdefault(key, []).append(value)


def read_ids(items: list[str], resolve: Callable[[str], str | None] = country_code) -> IdFacts:
    facts = IdFacts()
    for item in items:
        value, separator, label = item.rpartition(", ")
        if not separator or not value.strip():
            facts.add_extra("notes", item)
            continue
        _read_item(facts, value.strip(), label.strip(), resolve)
    return facts


def _read_item(
    facts: IdFacts, value: str, label: str, resolve: Callable[[str], str | None]
) -> None:
    kind = label.lower().strip(_LABEL_END)
    if kind in EXTRA_PROPERTIES:
        facts.add_extra(EXTRA_PROPERTIES[kind], value)
        return
    if kind == "former vessel flag":
        code = resolve(value)
        facts.add_extra("pastFlags" if code else "notes", code or f"Former flag: {value}")
        return
    if kind.endswith("directive determination"):
        facts.add_extra("notes", f"{label.strip(_LABEL_END)}: {value}")
        return
    country = None
    prefixed = _COUNTRY_PREFIX.fullmatch(value)
    if prefixed is not None and (code := resolve(prefixed[1])) is not None:
        country, value = code, prefixed[2]
    facts.identifiers.append(_identifier(kind, value, country, label))


def _identifier(kind: str, value: str, country: str | None, label: str) -> Identifier:
    imo = _IMO.fullmatch(value)
    if kind == "vessel registration identification" and imo is not None:
        return Identifier(IdentifierType.IMO, imo[1], country, label)
    if kind.startswith("digital currency address"):
        return Identifier(IdentifierType.CRYPTO_ADDRESS, value, country, label)
    return Identifier(IDENTIFIER_TYPES.get(kind, IdentifierType.OTHER), value, country, label)
