"""The EU consolidated list, legacy XML 1.0 schema: bytes -> the list's own records.

`<WHOLE Date="dd/mm/yyyy">` holds one `<ENTITY Id Type="P|E" legal_basis reg_date pdf_link
programme remark>` per listed party, with children `NAME` (LASTNAME, FIRSTNAME, MIDDLENAME,
WHOLENAME, GENDER, TITLE, FUNCTION, LANGUAGE), `ADDRESS` (NUMBER, STREET, ZIPCODE, CITY,
COUNTRY, OTHER), `BIRTH` (DATE, PLACE, COUNTRY), `PASSPORT` (NUMBER, COUNTRY) and `CITIZEN`
(COUNTRY). Countries are ISO alpha-3 codes. The Commission retired this schema for 1.1
(`<export>`), read by `parse_xml_1_1`.

Strict: the root must be WHOLE with ENTITY children only, and every ENTITY needs an `Id` that
no other ENTITY has; otherwise ParseError with file, line and field.
"""

from __future__ import annotations

from dataclasses import dataclass

from proscribe.errors import ParseError
from proscribe.sources.base import parse_xml
from proscribe.sources.eu_fsf.elements import EuElement, element, root_start_tag

ROOT = "WHOLE"
RECORD = "ENTITY"


@dataclass(frozen=True, slots=True)
class EuLegacyList:
    file: str
    date: str | None  # WHOLE/@Date as written, dd/mm/yyyy
    entities: tuple[EuElement, ...]


def is_legacy(head: bytes) -> bool:
    start = root_start_tag(head)
    return start is not None and start[0] == ROOT and f"<{RECORD}" in head.decode("utf-8", "ignore")


def read_whole(data: bytes, file: str) -> EuLegacyList:
    root = element(parse_xml(data, file))
    if root.tag != ROOT:
        raise ParseError(f"root element is <{root.tag}>, not <{ROOT}>", file=file, line=root.line)
    seen: dict[str, int | None] = {}
    for child in root.children:
        if child.tag != RECORD:
            raise ParseError(
                f"<{child.tag}> where <{RECORD}> was expected",
                file=file,
                line=child.line,
                field=child.tag,
            )
        _check_id(child, seen, file)
    return EuLegacyList(file=file, date=root.attr("Date"), entities=root.children)


def _check_id(entity: EuElement, seen: dict[str, int | None], file: str) -> None:
    entity_id = entity.attr("Id")
    if entity_id is None:
        raise ParseError("ENTITY without an Id", file=file, line=entity.line, field="ENTITY/@Id")
    if entity_id in seen:
        raise ParseError(
            f"ENTITY Id {entity_id} is used twice (first at line {seen[entity_id]})",
            file=file,
            line=entity.line,
            field="ENTITY/@Id",
        )
    seen[entity_id] = entity.line
