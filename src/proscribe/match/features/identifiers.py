"""Identifiers: passport and national ID numbers, registration numbers, IMO numbers ...

An identifier is the strongest evidence there is: an equal passport number all but settles a
match, and the same kind of document with a different number nearly rules it out. Values are
compared after normalisation (upper case; spaces, hyphens, dots and slashes dropped; a leading
type word such as "IMO" or "Passport No." dropped; leading zeros kept, as they are part of
many document numbers).

A query identifier with a type matches listed identifiers of that type only (a passport number
never matches a national ID number), or listed ones the list gave no type ("other"). An untyped
query identifier may match a listed identifier of any type.

IMO ship numbers carry a check digit, so a 7-digit value that passes it is almost certainly an
IMO number even when the caller did not say so; against a vessel listed with a different IMO
number that is evidence against. Companies carry IMO company numbers, which use another rule
and are never compared this way.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from proscribe.match.types import FeatureResult, MatchConfig, Pair
from proscribe.model import (
    Entity,
    Identifier,
    IdentifierType,
    QueryIdentifier,
    Schema,
    bic_head,
    imo_is_valid,
)

_LABELS: dict[IdentifierType, str] = {
    IdentifierType.PASSPORT: "passport",
    IdentifierType.NATIONAL_ID: "national ID",
    IdentifierType.TAX_ID: "tax ID",
    IdentifierType.REGISTRATION: "registration number",
    IdentifierType.IMO: "IMO",
    IdentifierType.MMSI: "MMSI",
    IdentifierType.CALL_SIGN: "call sign",
    IdentifierType.SWIFT_BIC: "SWIFT/BIC",
    IdentifierType.CRYPTO_ADDRESS: "crypto address",
    IdentifierType.AIRCRAFT_SERIAL: "aircraft serial number",
    IdentifierType.OTHER: "identifier",
}
# A type word in front of the number: glued ("IMO9187629") only for IMO and MMSI, whose
# values are all digits; other words need a separator, since passport numbers such as
# "NO12345" may begin with letters.
_TYPE_WORD = re.compile(r"(?:IMO|MMSI)(?=\d)|(?:IMO|MMSI|PASSPORT|NUMBER|NO|NR)[\s.:#]+")
_SEPARATORS = re.compile(r"[\s\-./]+")
_SHOWN_VALUES = 3  # listed values named in a mismatch detail


def identifier_match(pair: Pair, config: MatchConfig) -> FeatureResult:
    """An identifier given for the party is listed for it: the same passport, national ID,
    registration or IMO number. Numbers are compared without spaces, hyphens, dots or
    slashes. This is strong evidence of a match; an identifier given without a type may
    match a listed identifier of any type."""
    for wanted in pair.query.identifiers:
        found = _equal(wanted, pair.entity.identifiers)
        if found is not None:
            detail = f"{_LABELS[found.type]} {found.value} equal"
            return FeatureResult("identifier_match", 1.0, detail)
    return FeatureResult("identifier_match", 0.0)


def identifier_mismatch(pair: Pair, config: MatchConfig) -> FeatureResult:
    """An identifier given for the party is of a type the list also states for it, but the
    numbers differ: for example a passport number that is none of the listed passport
    numbers. This is strong evidence against a match, unless another identifier given is
    listed (people hold several passports). A 7-digit number with a valid IMO check digit
    counts as an IMO number even when given without a type."""
    entity = pair.entity
    # An equal identifier outweighs a differing one: people hold several passports and lists
    # record only some, so once any identifier given is listed nothing is held against it.
    if any(_equal(wanted, entity.identifiers) is not None for wanted in pair.query.identifiers):
        return FeatureResult("identifier_mismatch", 0.0)
    for wanted in pair.query.identifiers:
        value = normalise_identifier(wanted.value)
        if not value:
            continue
        kind = _claimed_type(wanted, value, entity)
        rivals = [found for found in entity.identifiers if found.type is kind]
        if kind is not None and rivals:
            detail = f"{_LABELS[kind]} {value} differs from listed {_values(rivals)}"
            return FeatureResult("identifier_mismatch", -1.0, detail)
    return FeatureResult("identifier_mismatch", 0.0)


def _equal(wanted: QueryIdentifier, listed: Iterable[Identifier]) -> Identifier | None:
    """The first listed identifier equal to the query's, among those it may be compared with:
    any when it is untyped, else those of its type and those the list did not type."""
    value = normalise_identifier(wanted.value)
    if not value:
        return None
    for found in listed:
        comparable = wanted.type in (None, found.type) or found.type is IdentifierType.OTHER
        if comparable and normalise_identifier(found.value) == value:
            return found
    return None


def _claimed_type(wanted: QueryIdentifier, value: str, entity: Entity) -> IdentifierType | None:
    """The type a differing value contradicts: its own, or IMO for an untyped valid IMO
    number against a vessel. "Other" contradicts nothing: it says nothing of the kind."""
    if wanted.type is not None:
        return None if wanted.type is IdentifierType.OTHER else wanted.type
    if entity.schema is Schema.VESSEL and imo_is_valid(value):
        return IdentifierType.IMO
    return None


def _values(identifiers: list[Identifier]) -> str:
    values = list(dict.fromkeys(found.value for found in identifiers))
    shown = ", ".join(values[:_SHOWN_VALUES])
    more = len(values) - _SHOWN_VALUES
    return f"{shown} and {more} more" if more > 0 else shown


@lru_cache(maxsize=65536)
def normalise_identifier(value: str) -> str:
    """`imo 9187629` -> `9187629`, `800146749-7` -> `8001467497`, `P-00.123/4` -> `P001234`."""
    text = value.upper().strip()
    while found := _TYPE_WORD.match(text):
        text = text[found.end() :]
    return bic_head(_SEPARATORS.sub("", text))
