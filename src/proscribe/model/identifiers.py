"""Identifiers as callers type them: `TYPE:VALUE`, `IMO 9123456`, or a bare value."""

from __future__ import annotations

import re

from proscribe.model.entity import IdentifierType
from proscribe.model.query import QueryIdentifier

_IMO_TEXT = re.compile(r"^\s*IMO[\s:#-]*(\d+)\s*$", re.IGNORECASE)


def imo_is_valid(value: str) -> bool:
    """True when `value` is a 7-digit IMO ship number whose check digit is right: the first
    six digits weighted 7, 6, 5, 4, 3, 2 sum to a number whose last digit is the seventh."""
    if len(value) != 7 or not value.isascii() or not value.isdigit():
        return False
    total = sum(
        int(digit) * weight for digit, weight in zip(value[:6], range(7, 1, -1), strict=True)
    )
    return total % 10 == int(value[6])


def parse_query_identifier(text: str) -> QueryIdentifier:
    """Read one identifier a caller typed. `passport:381310014` says its type; `IMO 9123456`
    is an IMO number. An IMO number with a wrong check digit raises ValueError: it is a typo
    or a forgery, and screening it would find nothing and say nothing."""
    kind, sep, rest = text.partition(":")
    known = {t.value for t in IdentifierType}
    if sep and kind.strip().lower() in known:
        identifier = QueryIdentifier(rest.strip(), IdentifierType(kind.strip().lower()))
    else:
        found = _IMO_TEXT.match(text)
        identifier = (
            QueryIdentifier(found.group(1), IdentifierType.IMO)
            if found
            else QueryIdentifier(text.strip())
        )
    if identifier.type is IdentifierType.IMO and not imo_is_valid(identifier.value):
        raise ValueError(f"invalid IMO number {identifier.value!r} (7 digits, check digit)")
    return identifier


def bic_head(value: str) -> str:
    """A SWIFT/BIC of 11 characters whose branch is XXX (the head office) is the same party as
    its 8-character form: KDBKKPPYXXX -> KDBKKPPY. Anything else is returned unchanged."""
    text = value.upper()
    if len(text) == 11 and text.endswith("XXX") and text[:6].isalpha():
        return text[:8]
    return text
