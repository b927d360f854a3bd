"""OFAC's XML formats: the classic `sdn.xml` / `consolidated.xml`, and the enhanced XML.

* `ofac_xml` reads the classic schema (root `<sdnList>`). OFAC publishes the SDN list as
  `sdn.xml` and the consolidated non-SDN list as `consolidated.xml` in the same schema, and
  nothing inside the file says which list it is, so the file name decides: a name starting with
  "cons" is the consolidated list (`us_ofac_cons`), any other the SDN list (`us_ofac_sdn`).
  Hence two format objects with the same name, one per list.
* `ofac_enhanced_xml` reads the Sanctions List Service's enhanced XML (root `<sanctionsData>`),
  usually a custom export filtered to one programme; the filter becomes the list version's
  scope. Its entities are SDN entries (their id is the SDN uid), so the publication is
  `us_ofac_sdn`; an entry listed only on a non-SDN list says so in its designation's source.

Claiming looks only at the root element in the first 4 KB of a file, because it runs on every
file of a folder. A folder holding several files of one format is refused at parse time rather
than read as one list: each file is a publication of its own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from proscribe.errors import FormatNotRecognisedError, ParseError
from proscribe.sources.base import Files, ListFormat, ParsedList
from proscribe.sources.us_ofac.map_xml import (
    CONS_SOURCE,
    SDN_SOURCE,
    map_enhanced_xml,
    map_sdn_xml,
)
from proscribe.sources.us_ofac.parse_enhanced_xml import EnhancedXml, parse_enhanced_xml
from proscribe.sources.us_ofac.parse_sdn_xml import parse_sdn_xml

_HEAD_BYTES = 4096
_COMMENT = re.compile(rb"<!--.*?-->", re.DOTALL)
# The first start tag: not a declaration (<?...?>), DOCTYPE or comment (<!...), nor an end tag.
_FIRST_TAG = re.compile(rb"<(?![?!/])(?:[A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*)")


def root_name(data: bytes) -> str | None:
    """The local name of the root element, read from the first few KB only; None if unseen."""
    head = _COMMENT.sub(b"", data[:_HEAD_BYTES])
    found = _FIRST_TAG.search(head)
    return found.group(1).decode("ascii", "replace") if found else None


def is_consolidated(name: str) -> bool:
    """`consolidated.xml`, `cons_*.xml`: the non-SDN list; the file name is all that tells."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1].lower()
    return base.startswith("cons")


def _only_file(claimed: tuple[str, ...], fmt: str) -> str:
    if not claimed:
        raise FormatNotRecognisedError(f"no {fmt} file among the files given")
    if len(claimed) > 1:
        raise ParseError(
            f"{len(claimed)} {fmt} files ({', '.join(claimed)}): each is a "
            "publication of its own; load them one at a time",
            file=claimed[0],
        )
    return claimed[0]


@dataclass(frozen=True, slots=True)
class OfacXmlFormat:
    """The classic OFAC XML of one list: `sdn.xml` (SDN) or `consolidated.xml` (non-SDN)."""

    source: str
    name: str = "ofac_xml"

    def claim(self, files: Files) -> tuple[str, ...]:
        wanted = self.source == CONS_SOURCE
        return tuple(
            file
            for file, data in files.items()
            if root_name(data) == "sdnList" and is_consolidated(file) == wanted
        )

    def parse(self, files: Files) -> ParsedList:
        file = _only_file(self.claim(files), self.name)
        parsed = parse_sdn_xml(files[file], file)
        entities = map_sdn_xml(parsed, self.source)
        notes: tuple[str, ...] = ()
        if parsed.record_count is not None and parsed.record_count != len(entities):
            notes = (f"{file} states {parsed.record_count} records but holds {len(entities)}",)
        return ParsedList(
            source=self.source,
            format=self.name,
            entities=entities,
            files=(file,),
            published=parsed.publish_date,
            stated_count=parsed.record_count,
            notes=notes,
        )


@dataclass(frozen=True, slots=True)
class OfacEnhancedXmlFormat:
    """The Sanctions List Service's enhanced XML (whole list or a filtered export)."""

    source: str = SDN_SOURCE
    name: str = "ofac_enhanced_xml"

    def claim(self, files: Files) -> tuple[str, ...]:
        return tuple(file for file, data in files.items() if root_name(data) == "sanctionsData")

    def parse(self, files: Files) -> ParsedList:
        file = _only_file(self.claim(files), self.name)
        parsed = parse_enhanced_xml(files[file], file)
        entities = map_enhanced_xml(parsed, self.source)
        off_list = sum(1 for entity in entities if entity.designation.source != self.source)
        notes = (f"{off_list} entries are on non-SDN lists only",) if off_list else ()
        return ParsedList(
            source=self.source,
            format=self.name,
            entities=entities,
            files=(file,),
            published=_as_of(parsed.data_as_of, file),
            scope=enhanced_scope(parsed),
            notes=notes,
        )


def enhanced_scope(parsed: EnhancedXml) -> str:
    """The export's filter as a scope: "program=IRGC"; "" for an unfiltered export.

    The list filter counts only when it leaves out some of the lists OFAC offers (its
    ENTITY LISTING TYPE table): both real exports name all eight lists, i.e. no list filter.
    """
    parts: list[str] = []
    if parsed.filter_programs:
        parts.append("program=" + ",".join(sorted(parsed.filter_programs)))
    offered = {
        ref.value for ref in parsed.reference_values.values() if ref.type == "ENTITY LISTING TYPE"
    }
    if parsed.filter_lists and not offered.issubset(parsed.filter_lists):
        parts.append("list=" + ",".join(sorted(parsed.filter_lists)))
    return ";".join(parts)


def _as_of(text: str | None, file: str) -> date | None:
    """The day of `dataAsOf` (2024-05-24T15:59:26.4511801-04:00), as the file states it."""
    if text is None:
        return None
    try:
        return date.fromisoformat(text[:10])
    except ValueError as error:
        raise ParseError(f"unreadable date {text!r}", file=file, field="dataAsOf") from error


XML_FORMATS: tuple[ListFormat, ...] = (
    OfacXmlFormat(SDN_SOURCE),
    OfacXmlFormat(CONS_SOURCE),
    OfacEnhancedXmlFormat(),
)
