"""ISO 20022 credit transfers: pacs.008, pacs.009 and pain.001, any version.

Elements are matched by local name, never by namespace, so every published version
(pacs.008.001.02 to .001.12 and on) reads the same way. The XML reader is the sources' one:
no DTD, no entities, no network, bounded node sizes; a document declaring entities is refused.

The whole tree is walked for party elements (Dbtr, CdtrAgt, ...) wherever they sit, so
parties nested in pacs.009's underlying customer credit transfer are screened too.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from lxml import etree

from proscribe.errors import ParseError
from proscribe.model import country_code
from proscribe.payments.message import Field, FieldKind, Message
from proscribe.sources.base import clean, local_name, parse_xml

# The business message element under Document names the message type.
MESSAGE_ELEMENTS = {
    "FIToFICstmrCdtTrf": "pacs.008",
    "FICdtTrf": "pacs.009",
    "CstmrCdtTrfInitn": "pain.001",
}
_VERSION = re.compile(r"(pacs\.00[89]|pain\.001)\.\d{3}\.\d{2}")

PARTY_ROLES = {
    "Dbtr": "debtor",
    "Cdtr": "creditor",
    "UltmtDbtr": "ultimate_debtor",
    "UltmtCdtr": "ultimate_creditor",
    "InitgPty": "initiating_party",
    "DbtrAgt": "debtor_agent",
    "CdtrAgt": "creditor_agent",
    "IntrmyAgt1": "intermediary_agent_1",
    "IntrmyAgt2": "intermediary_agent_2",
    "IntrmyAgt3": "intermediary_agent_3",
    "InstgAgt": "instructing_agent",
    "InstdAgt": "instructed_agent",
    "PrvsInstgAgt1": "previous_instructing_agent_1",
    "PrvsInstgAgt2": "previous_instructing_agent_2",
    "PrvsInstgAgt3": "previous_instructing_agent_3",
}
# Where a party's name, BIC and address sit, relative to the party element; the first found
# is used. Agents hold them under FinInstnId; newer pain.001 wraps parties in Pty.
NAME_PATHS = ("Nm", "FinInstnId/Nm", "Pty/Nm")
BIC_PATHS = ("FinInstnId/BICFI", "FinInstnId/BIC", "Id/OrgId/AnyBIC", "Id/OrgId/BICOrBEI")
ADDRESS_PATHS = ("PstlAdr", "FinInstnId/PstlAdr", "Pty/PstlAdr")
# Free text that can name a party: remittance, and instructions to the next agent.
TEXT_ROLES = {
    "Ustrd": "remittance_information",
    "InstrInf": "instruction_information",
}


def parse_iso20022(data: bytes, name: str) -> Message:
    root = parse_xml(data, name)
    business = _business_element(root, name)
    kind = MESSAGE_ELEMENTS[local_name(business)]
    namespace = etree.QName(business).namespace or ""
    found = _VERSION.search(namespace)
    fields = tuple(_fields(business))
    return Message(type=found.group(0) if found else kind, fields=fields)


def _business_element(root: etree._Element, name: str) -> etree._Element:
    """The FIToFICstmrCdtTrf / FICdtTrf / CstmrCdtTrfInitn element, under a Document that may
    itself sit in an envelope beside a business application header."""
    for element in root.iter():
        if local_name(element) in MESSAGE_ELEMENTS:
            return element
    raise ParseError(
        f"unknown message type: root <{local_name(root)}> holds none of "
        f"{', '.join(sorted(MESSAGE_ELEMENTS))} (pacs.008, pacs.009, pain.001)",
        file=name,
        line=root.sourceline if isinstance(root.sourceline, int) else None,
    )


def _fields(business: etree._Element) -> Iterator[Field]:
    for element in business.iter():
        tag = local_name(element)
        if tag in PARTY_ROLES:
            yield from _party(element, PARTY_ROLES[tag], _path(element, business))
        elif tag in TEXT_ROLES and (text := clean(element.text)):
            yield Field(TEXT_ROLES[tag], _path(element, business), FieldKind.TEXT, text)


def _party(element: etree._Element, role: str, path: str) -> Iterator[Field]:
    country, address_fields = _address(element, role, path)
    for relative in NAME_PATHS:
        if (value := _text(element, relative)) is not None:
            yield Field(role, f"{path}/{relative}", FieldKind.NAME, value, country)
            break
    for relative in BIC_PATHS:
        if (value := _text(element, relative)) is not None:
            yield Field(role, f"{path}/{relative}", FieldKind.BIC, value.upper(), country)
            break
    yield from address_fields


def _address(element: etree._Element, role: str, path: str) -> tuple[str | None, list[Field]]:
    """The party's country (for its name query) and its town and address lines, screened as
    free text: a listed company is sometimes named only in a 'c/o' address line."""
    for relative in ADDRESS_PATHS:
        address = _child(element, relative)
        if address is None:
            continue
        country = _text(address, "Ctry")
        fields = [
            Field(role, f"{path}/{relative}/{local_name(line)}", FieldKind.TEXT, text)
            for line in address
            if local_name(line) in {"AdrLine", "TwnNm"} and (text := clean(line.text))
        ]
        return (country_code(country) if country else None), fields
    return None, []


def _child(element: etree._Element, relative: str) -> etree._Element | None:
    current: etree._Element | None = element
    for step in relative.split("/"):
        if current is None:
            return None
        current = next((c for c in current if local_name(c) == step), None)
    return current


def _text(element: etree._Element, relative: str) -> str | None:
    found = _child(element, relative)
    return None if found is None else clean(found.text)


def _path(element: etree._Element, top: etree._Element) -> str:
    """XPath-like path below the business element: CdtTrfTxInf/Cdtr; a position is added only
    where siblings share the tag (CdtTrfTxInf[2]/Cdtr), XPath's 1-based counting."""
    steps: list[str] = []
    current = element
    while current is not top:
        parent = current.getparent()
        if parent is None:
            break
        tag = local_name(current)
        same = [c for c in parent if local_name(c) == tag]
        steps.append(f"{tag}[{same.index(current) + 1}]" if len(same) > 1 else tag)
        current = parent
    return "/".join(reversed(steps))
