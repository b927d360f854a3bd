"""The UN Security Council Consolidated List XML: bytes -> the list's own records.

The document is `<CONSOLIDATED_LIST dateGenerated="...">` with `<INDIVIDUALS>` and
`<ENTITIES>`, one `<INDIVIDUAL>` or `<ENTITY>` per listed party. A record's children come in
three shapes, kept apart here under the publisher's element names:

* fields: a single text (`DATAID`, `FIRST_NAME`, `REFERENCE_NUMBER`, `LISTED_ON`, `COMMENTS1`);
* value lists: `<TITLE><VALUE>...</VALUE><VALUE>...</VALUE></TITLE>` (also `DESIGNATION`,
  `NATIONALITY`, `LIST_TYPE`, `LAST_DAY_UPDATED`);
* groups: repeatable elements of several fields (`INDIVIDUAL_ALIAS`, `INDIVIDUAL_DOCUMENT`,
  `ENTITY_ADDRESS` ...). The UN writes empty placeholders (`<INDIVIDUAL_ALIAS><QUALITY/>
  <ALIAS_NAME/></INDIVIDUAL_ALIAS>`); a group with no value at all is dropped here.

Every text is whitespace-collapsed (values carry stray spaces and line breaks: `<NUMBER>
381310014</NUMBER>`). The reader is strict: a record without a REFERENCE_NUMBER, a duplicate
one, or an element where a record is expected raises ParseError with file, line and field.
The REFERENCE_NUMBER is always present in the published files we hold (2018 to 2026), so there
is no fallback to the internal DATAID: a record without the public id is malformed.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from lxml import etree

from proscribe.errors import ParseError
from proscribe.sources.base import clean, local_name, parse_xml

ROOT = "CONSOLIDATED_LIST"
SECTIONS = {"INDIVIDUALS": "INDIVIDUAL", "ENTITIES": "ENTITY"}
GROUP_TAGS = frozenset(
    {
        "INDIVIDUAL_ALIAS",
        "ENTITY_ALIAS",
        "INDIVIDUAL_ADDRESS",
        "ENTITY_ADDRESS",
        "INDIVIDUAL_DATE_OF_BIRTH",
        "INDIVIDUAL_PLACE_OF_BIRTH",
        "INDIVIDUAL_DOCUMENT",
    }
)
VALUE_TAGS = frozenset({"TITLE", "DESIGNATION", "NATIONALITY", "LIST_TYPE", "LAST_DAY_UPDATED"})
ID_FIELD = "REFERENCE_NUMBER"


@dataclass(frozen=True, slots=True)
class UnGroup:
    """One repeatable element of a record (an alias, a document, an address ...)."""

    tag: str
    line: int | None
    fields: Mapping[str, str]

    def get(self, name: str) -> str | None:
        return self.fields.get(name)


@dataclass(frozen=True, slots=True)
class UnRecord:
    """One `<INDIVIDUAL>` or `<ENTITY>`, publisher element names kept."""

    kind: str  # INDIVIDUAL | ENTITY
    line: int | None
    fields: Mapping[str, str]
    values: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    groups: Mapping[str, tuple[UnGroup, ...]] = field(default_factory=dict)

    @property
    def reference_number(self) -> str:
        return self.fields[ID_FIELD]

    def get(self, name: str) -> str | None:
        return self.fields.get(name)

    def values_of(self, name: str) -> tuple[str, ...]:
        return self.values.get(name, ())

    def groups_of(self, name: str) -> tuple[UnGroup, ...]:
        return self.groups.get(name, ())


@dataclass(frozen=True, slots=True)
class UnList:
    file: str
    date_generated: str | None
    records: tuple[UnRecord, ...]


_COMMENT = re.compile(rb"<!--.*?-->", re.DOTALL)
_FIRST_TAG = re.compile(rb"<([A-Za-z_][\w.:-]*)")


def root_tag(head: bytes) -> str | None:
    """The local name of the document element, read from the first bytes of a file; None
    when those bytes hold no start tag (not XML, or a very long prologue)."""
    body = _COMMENT.sub(b"", head.removeprefix(b"\xef\xbb\xbf"))
    found = _FIRST_TAG.search(body)
    if found is None:
        return None
    return found.group(1).decode("ascii", "replace").rpartition(":")[2]


def read_un_xml(data: bytes, file: str) -> UnList:
    """Read one consolidated list file. Raises ParseError on any malformed record."""
    root = parse_xml(data, file)
    if local_name(root) != ROOT:
        raise ParseError(
            f"root element is <{local_name(root)}>, not <{ROOT}>", file=file, line=_line(root)
        )
    records = tuple(_records(root, file))
    _check_unique(records, file)
    return UnList(file=file, date_generated=clean(root.get("dateGenerated")), records=records)


def _records(root: etree._Element, file: str) -> list[UnRecord]:
    records: list[UnRecord] = []
    for section in root:
        record_tag = SECTIONS.get(local_name(section))
        if record_tag is None:
            raise ParseError(
                f"unexpected element <{local_name(section)}>",
                file=file,
                line=_line(section),
                field=local_name(section),
            )
        for element in section:
            if local_name(element) != record_tag:
                raise ParseError(
                    f"<{local_name(element)}> where <{record_tag}> was expected",
                    file=file,
                    line=_line(element),
                    field=local_name(element),
                )
            records.append(_record(element, file))
    return records


def _record(element: etree._Element, file: str) -> UnRecord:
    fields: dict[str, str] = {}
    values: dict[str, list[str]] = {}
    groups: dict[str, list[UnGroup]] = {}
    for child in element:
        tag = local_name(child)
        if tag in GROUP_TAGS:
            group = UnGroup(tag, _line(child), _leaf_texts(child))
            if group.fields:
                groups.setdefault(tag, []).append(group)
        elif tag in VALUE_TAGS:
            values.setdefault(tag, []).extend(_leaf_texts(child, repeated=True).values())
        else:
            text = clean(child.text)
            if text is not None:
                fields.setdefault(tag, text)
    if ID_FIELD not in fields:
        raise ParseError(
            f"{local_name(element)} without a reference number",
            file=file,
            line=_line(element),
            field=ID_FIELD,
        )
    return UnRecord(
        kind=local_name(element),
        line=_line(element),
        fields=fields,
        values={tag: tuple(texts) for tag, texts in values.items()},
        groups={tag: tuple(items) for tag, items in groups.items()},
    )


def _leaf_texts(element: etree._Element, *, repeated: bool = False) -> dict[str, str]:
    """Non-empty child texts by tag; with `repeated`, keyed by position (VALUE lists)."""
    texts: dict[str, str] = {}
    for index, child in enumerate(element):
        text = clean(child.text)
        if text is not None:
            texts.setdefault(str(index) if repeated else local_name(child), text)
    return texts


def _check_unique(records: tuple[UnRecord, ...], file: str) -> None:
    seen: dict[str, int | None] = {}
    for record in records:
        number = record.reference_number
        if number in seen:
            raise ParseError(
                f"reference number {number} is used twice (first at line {seen[number]})",
                file=file,
                line=record.line,
                field=ID_FIELD,
            )
        seen[number] = record.line


def _line(element: etree._Element) -> int | None:
    line = element.sourceline
    return line if isinstance(line, int) else None
