"""What a payment message says about its parties: `Message` and its `Field`s.

Parsers keep the message's own vocabulary in `path` (ISO 20022 element names, MT field tags)
and give each field a `role` in plain words, so a hit can say both where and who.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from proscribe.errors import ParseError


class FieldKind(StrEnum):
    NAME = "name"  # the name of a party: screened as one name
    BIC = "bic"  # a party's SWIFT/BIC: screened as an identifier
    TEXT = "text"  # free text (remittance, instructions, address lines): screened by spans


@dataclass(frozen=True, slots=True)
class Field:
    role: str  # debtor, creditor, debtor_agent, remittance_information, ...
    path: str  # Cdtr/Nm, CdtTrfTxInf/RmtInf/Ustrd, 59, 50K ...
    kind: FieldKind
    value: str
    country: str | None = None  # ISO code from the party's postal address, when given


@dataclass(frozen=True, slots=True)
class Message:
    type: str  # pacs.008.001.08, pain.001.001.09, MT103, MT202 ...
    fields: tuple[Field, ...] = field(default=())


def read_message(data: bytes, name: str) -> Message:
    """Parse an ISO 20022 XML or SWIFT MT message; anything else is a ParseError."""
    # Imported here: both parsers build Fields, so they import this module.
    from proscribe.payments.iso20022 import parse_iso20022
    from proscribe.payments.mt import parse_mt

    head = data.lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith(b"<"):
        return parse_iso20022(data, name)
    if head.startswith(b"{"):
        return parse_mt(data, name)
    raise ParseError(
        "not a payment message: expected ISO 20022 XML ('<') or SWIFT MT blocks ('{1:')",
        file=name,
        line=1,
    )
